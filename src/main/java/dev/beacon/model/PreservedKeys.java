package dev.beacon.model;

/** The {@code preserved.*} instance metadata keys Nacos gives meaning to. */
public final class PreservedKeys {
  public static final String BEAT_INTERVAL = "preserved.heart.beat.interval";
  public static final String BEAT_TIMEOUT = "preserved.heart.beat.timeout";
  public static final String DELETE_TIMEOUT = "preserved.ip.delete.timeout";
  public static final String ID_GENERATOR = "preserved.instance.id.generator";
  public static final String SNOWFLAKE = "snowflake";

  private PreservedKeys() {
  }
}
