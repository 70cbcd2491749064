package dev.beacon.config;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Nacos's runtime switches ({@code PUT /nacos/v1/ns/operator/switches?entry=&value=}), validated as Nacos 1.4 does.
 * A change is a Raft entry, so every node applies it and it survives a full restart; the defaults come from the
 * configuration. Read from any thread (one volatile immutable map), changed by the Raft apply thread.
 *
 * <p>Switches with an effect in Beacon: {@code overriddenServerStatus}, {@code healthCheckEnabled},
 * {@code pushEnabled}, {@code clientBeatInterval}, {@code defaultCacheMillis}, {@code defaultPushCacheMillis},
 * {@code checkTimes}, {@code lightBeatEnabled}, {@code defaultInstanceEphemeral}. The others ({@link #INERT}) are
 * accepted, validated and reported, and change nothing: Beacon has no counterpart for them.
 */
public final class Switches {

  /** Type of the Raft entry that sets a runtime switch (applied here, never by the registry worker). */
  public static final String ENTRY = "SetSwitch";

  public static final String OVERRIDDEN_SERVER_STATUS = "overriddenServerStatus";
  public static final String HEALTH_CHECK_ENABLED = "healthCheckEnabled";
  public static final String PUSH_ENABLED = "pushEnabled";
  public static final String CLIENT_BEAT_INTERVAL = "clientBeatInterval";
  public static final String DEFAULT_CACHE_MILLIS = "defaultCacheMillis";
  public static final String DEFAULT_PUSH_CACHE_MILLIS = "defaultPushCacheMillis";
  public static final String CHECK_TIMES = "checkTimes";
  public static final String LIGHT_BEAT_ENABLED = "lightBeatEnabled";
  public static final String DEFAULT_INSTANCE_EPHEMERAL = "defaultInstanceEphemeral";

  /** Accepted and reported, without an effect in Beacon. */
  public static final Set<String> INERT = Set.of("autoChangeHealthCheckEnabled", "distroEnabled", "distroThreshold",
      "disableAddIP", "sendBeatOnly", "serverStatusSynchronizationPeriodMillis",
      "serviceStatusSynchronizationPeriodMillis", "distroServerExpiredMillis", "enableStandalone");

  /** Server states Nacos knows; {@code overriddenServerStatus} takes one of them (or empty / "null" to clear). */
  public static final Set<String> STATES = Set.of("UP", "DOWN", "STARTING", "PAUSED", "WRITE_ONLY", "READ_ONLY");

  private final Map<String, Object> defaults;
  private volatile Map<String, Object> values;

  public Switches(BeaconConfig config) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(OVERRIDDEN_SERVER_STATUS, "");
    d.put(HEALTH_CHECK_ENABLED, true);
    d.put(PUSH_ENABLED, true);
    d.put(CLIENT_BEAT_INTERVAL, config.millis(Setting.BEAT_INTERVAL));
    d.put(DEFAULT_CACHE_MILLIS, config.millis(Setting.CACHE_MILLIS));
    d.put(DEFAULT_PUSH_CACHE_MILLIS, config.millis(Setting.PUSH_CACHE_MILLIS));
    d.put(CHECK_TIMES, (long) config.intValue(Setting.HEALTH_CHECK_TIMES));
    d.put(LIGHT_BEAT_ENABLED, true);
    d.put(DEFAULT_INSTANCE_EPHEMERAL, true);
    d.put("autoChangeHealthCheckEnabled", true);
    d.put("distroEnabled", true);
    d.put("distroThreshold", 0.7);
    d.put("disableAddIP", false);
    d.put("sendBeatOnly", false);
    d.put("serverStatusSynchronizationPeriodMillis", 2000L);
    d.put("serviceStatusSynchronizationPeriodMillis", 5000L);
    d.put("distroServerExpiredMillis", config.millis(Setting.DISTRO_MEMBER_TIMEOUT));
    d.put("enableStandalone", !config.clustered());
    this.defaults = Map.copyOf(d);
    this.values = Map.copyOf(d);
  }

  /**
   * The value {@code raw} as the switch {@code entry} stores it; IllegalArgumentException with Nacos's reason for an
   * unknown entry or a bad value. Pure: nothing changes.
   */
  public static Object parse(String entry, String raw) {
    String v = raw == null ? "" : raw.trim();
    switch (entry) {
      case OVERRIDDEN_SERVER_STATUS -> {
        String status = v.equals("null") ? "" : v.toUpperCase(Locale.ROOT);
        if (!status.isEmpty() && !STATES.contains(status)) {
          throw new IllegalArgumentException("illegal server status: " + raw + "; one of " + STATES);
        }
        return status;
      }
      case HEALTH_CHECK_ENABLED, PUSH_ENABLED, LIGHT_BEAT_ENABLED, DEFAULT_INSTANCE_EPHEMERAL,
           "autoChangeHealthCheckEnabled", "distroEnabled", "disableAddIP", "sendBeatOnly", "enableStandalone" -> {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException(entry + " must be true or false: " + raw);
        }
        return Boolean.parseBoolean(v);
      }
      case CLIENT_BEAT_INTERVAL -> {
        return atLeast(entry, v, 1, "clientBeatInterval must be positive");
      }
      case DEFAULT_CACHE_MILLIS -> {
        return atLeast(entry, v, 1000, "min default cache time  is too small(<1000)");
      }
      case DEFAULT_PUSH_CACHE_MILLIS -> {
        return atLeast(entry, v, 10_000, "min cache time for http or tcp is too small(<10000)");
      }
      case CHECK_TIMES -> {
        return atLeast(entry, v, 1, "checkTimes must be at least 1");
      }
      case "serviceStatusSynchronizationPeriodMillis" -> {
        return atLeast(entry, v, 5000, "serviceStatusSynchronizationPeriodMillis is too small(<5000)");
      }
      case "serverStatusSynchronizationPeriodMillis" -> {
        return atLeast(entry, v, 15_000, "serverStatusSynchronizationPeriodMillis is too small(<15000)");
      }
      case "distroServerExpiredMillis" -> {
        return atLeast(entry, v, 1, "distroServerExpiredMillis must be positive");
      }
      case "distroThreshold" -> {
        try {
          double threshold = Double.parseDouble(v);
          if (!(threshold > 0)) {
            throw new IllegalArgumentException("distroThreshold can not be zero or negative: " + raw);
          }
          return threshold;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("distroThreshold must be a number: " + raw);
        }
      }
      default -> throw new IllegalArgumentException("unknown switch entry: " + entry);
    }
  }

  private static long atLeast(String entry, String v, long min, String tooSmall) {
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(entry + " must be a whole number: " + v);
    }
    if (n < min) {
      throw new IllegalArgumentException(tooSmall);
    }
    return n;
  }

  /** A Raft entry that sets {@code entry} to {@code value} on every node ({@code value} already valid: {@link #parse}). */
  public static JsonObject entry(String entry, String value) {
    return new JsonObject().put("type", ENTRY).put("entry", entry).put("value", value);
  }

  /** Applies a committed {@link #entry} (validated before it was submitted); the applier's reply. */
  public JsonObject apply(JsonObject entry) {
    set(entry.getString("entry"), entry.getString("value"));
    return new JsonObject().put("ok", "ok");
  }

  /** Sets one switch (validated by {@link #parse}): a committed entry, or {@code debug=true} on this node only. */
  public synchronized void set(String entry, String raw) {
    Map<String, Object> next = new LinkedHashMap<>(values);
    next.put(entry, parse(entry, raw));
    values = Map.copyOf(next);
  }

  /** The switches that differ from their defaults, as strings: what a Raft snapshot keeps. */
  public JsonObject snapshot() {
    JsonObject out = new JsonObject();
    values.forEach((k, v) -> {
      if (!v.equals(defaults.get(k))) {
        out.put(k, String.valueOf(v));
      }
    });
    return out;
  }

  /** Every switch back to its default, then a {@link #snapshot} on top (null: none changed). */
  public synchronized void restore(JsonObject snapshot) {
    Map<String, Object> next = new LinkedHashMap<>(defaults);
    if (snapshot != null) {
      snapshot.forEach(e -> next.put(e.getKey(), parse(e.getKey(), String.valueOf(e.getValue()))));
    }
    values = Map.copyOf(next);
  }

  public Map<String, Object> values() {
    return values;
  }

  /** The overridden server status, or empty when the node reports its own. */
  public String overriddenServerStatus() {
    return (String) values.get(OVERRIDDEN_SERVER_STATUS);
  }

  public boolean healthCheckEnabled() {
    return (Boolean) values.get(HEALTH_CHECK_ENABLED);
  }

  public boolean pushEnabled() {
    return (Boolean) values.get(PUSH_ENABLED);
  }

  public long clientBeatInterval() {
    return (Long) values.get(CLIENT_BEAT_INTERVAL);
  }

  public long defaultCacheMillis() {
    return (Long) values.get(DEFAULT_CACHE_MILLIS);
  }

  public long defaultPushCacheMillis() {
    return (Long) values.get(DEFAULT_PUSH_CACHE_MILLIS);
  }

  public int checkTimes() {
    return ((Long) values.get(CHECK_TIMES)).intValue();
  }

  public boolean lightBeatEnabled() {
    return (Boolean) values.get(LIGHT_BEAT_ENABLED);
  }

  public boolean defaultInstanceEphemeral() {
    return (Boolean) values.get(DEFAULT_INSTANCE_EPHEMERAL);
  }
}
