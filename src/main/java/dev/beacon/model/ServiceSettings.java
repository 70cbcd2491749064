package dev.beacon.model;

/**
 * The settings of a service. {@code defined} tells a service created through the service API (persistent, kept
 * through Raft) from one that exists only because an ephemeral instance was registered into it.
 */
public record ServiceSettings(float protectThreshold, Metadata metadata, Selector selector, boolean defined) {

  public static final ServiceSettings IMPLICIT = new ServiceSettings(0f, Metadata.EMPTY, Selector.NONE, false);

  /**
   * The threshold as a JSON number: the double its shortest decimal names, so {@code 0.2f} is {@code 0.2} whether the
   * JSON is sent as text (HTTP) or as an object (the event-bus API in the same JVM).
   */
  public double protectThresholdDecimal() {
    return Double.parseDouble(Float.toString(protectThreshold));
  }
}
