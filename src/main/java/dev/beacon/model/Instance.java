package dev.beacon.model;

/**
 * One registered instance. Immutable; the worker replaces it with a {@code with…} copy.
 * The Nacos instance id {@code ip#port#cluster#GROUP@@name} is derived when encoded, not stored;
 * {@code snowflakeId} is set only for instances that ask for the snowflake id generator.
 * The address is kept as one {@link InstanceRef} so the beat table can use it as a key without allocating.
 */
public record Instance(InstanceRef ref, double weight, boolean healthy, boolean enabled, boolean ephemeral,
                       boolean marked, Metadata metadata, String app, String snowflakeId) {

  public static final String DEFAULT_CLUSTER = "DEFAULT";

  public Instance {
    app = app == null ? null : app.intern();
  }

  public String ip() {
    return ref.ip();
  }

  public int port() {
    return ref.port();
  }

  public String clusterName() {
    return ref.cluster();
  }

  public String instanceId(ServiceKey service) {
    return snowflakeId != null ? snowflakeId
        : ref.ip() + '#' + ref.port() + '#' + ref.cluster() + '#' + service.groupedName();
  }

  public Instance withHealthy(boolean value) {
    return new Instance(ref, weight, value, enabled, ephemeral, marked, metadata, app, snowflakeId);
  }

  public Instance withSnowflakeId(String id) {
    return new Instance(ref, weight, healthy, enabled, ephemeral, marked, metadata, app, id);
  }

  public Instance withMetadata(Metadata value) {
    return new Instance(ref, weight, healthy, enabled, ephemeral, marked, value, app, snowflakeId);
  }

  public Instance withPatch(Double weight, Boolean healthy, Boolean enabled, Metadata metadata, String app) {
    return new Instance(ref, weight != null ? weight : this.weight, healthy != null ? healthy : this.healthy,
        enabled != null ? enabled : this.enabled, ephemeral, marked, metadata != null ? metadata : this.metadata,
        app != null ? app : this.app, snowflakeId);
  }

  public long beatInterval(long fallback) {
    return metadata.millis(PreservedKeys.BEAT_INTERVAL, fallback);
  }

  public long beatTimeout(long fallback) {
    return metadata.millis(PreservedKeys.BEAT_TIMEOUT, fallback);
  }

  public long deleteTimeout(long fallback) {
    return metadata.millis(PreservedKeys.DELETE_TIMEOUT, fallback);
  }
}
