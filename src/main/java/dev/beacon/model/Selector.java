package dev.beacon.model;

/** A service's selector: {@code none}, or {@code label} with an expression such as {@code CONSUMER.label.A=PROVIDER.label.A}. */
public record Selector(String type, String expression) {

  public static final Selector NONE = new Selector("none", null);

  public boolean isNone() {
    return "none".equals(type);
  }
}
