package dev.beacon.config;

import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one immutable configuration object: defaults &lt; {@code BEACON_*} environment &lt; {@code --key=value} arguments.
 * Built once in {@code Beacon.main} (or by tests) and passed down.
 */
public final class BeaconConfig {

  /**
   * Nacos's property names of the auth settings, accepted as {@code --nacos.core.auth.enabled=true} so that
   * the values of an existing {@code application.properties} carry over.
   */
  public static final Map<String, Setting> NACOS_NAMES = Map.of(
      "nacos.core.auth.enabled", Setting.AUTH_ENABLED,
      "nacos.core.auth.default.token.secret.key", Setting.AUTH_SECRET_KEY,
      "nacos.core.auth.default.token.expire.seconds", Setting.AUTH_TOKEN_TTL);

  /** The sample key Nacos shipped until 1.4.5/2.2.0.1: anyone can sign tokens with it (QVD-2023-6271). */
  private static final String PUBLISHED_SAMPLE_KEY = "SecretKey0123456789";
  /** JJWT's (and RFC 7518's) floor for an HS256 key. */
  private static final int MIN_KEY_BYTES = 32;
  /** Shortest accepted {@code cluster-secret}: an HMAC key guessable by brute force protects nothing. */
  public static final int MIN_CLUSTER_SECRET = 16;

  private final EnumMap<Setting, String> values;

  private BeaconConfig(EnumMap<Setting, String> values) {
    this.values = values;
    for (Setting s : Setting.values()) {
      validate(s);
    }
    if (authEnabled()) {
      authKey();
      if (clustered() && get(Setting.CLUSTER_SECRET).isEmpty()) {
        throw new IllegalArgumentException("auth-enabled=true in a cluster needs cluster-secret: without it any "
            + "application in the cluster can send the servers' internal messages and change data without a token");
      }
    }
    if (!get(Setting.CLUSTER_SECRET).isEmpty() && get(Setting.CLUSTER_SECRET).length() < MIN_CLUSTER_SECRET) {
      throw new IllegalArgumentException("cluster-secret must have at least " + MIN_CLUSTER_SECRET + " characters");
    }
  }


  public static BeaconConfig defaults() {
    return load(Map.of(), new String[0]);
  }

  /** Builds the config from an environment map and command-line arguments; unknown or malformed keys fail fast. */
  public static BeaconConfig load(Map<String, String> env, String[] args) {
    EnumMap<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      values.put(s, env.getOrDefault(s.envName(), s.defaultValue()).trim());
    }
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("arguments are --key=value, got: " + arg);
      }
      String key = arg.substring(2, arg.indexOf('='));
      Setting s = Setting.byKey(key) != null ? Setting.byKey(key) : NACOS_NAMES.get(key);
      if (s == null) {
        throw new IllegalArgumentException("unknown setting --" + key + "; known: "
            + Arrays.stream(Setting.values()).map(Setting::key).toList());
      }
      values.put(s, arg.substring(arg.indexOf('=') + 1).trim());
    }
    return new BeaconConfig(values);
  }

  /** A copy with some settings replaced, for tests and tools that start several nodes. */
  public BeaconConfig with(Map<Setting, ?> overrides) {
    EnumMap<Setting, String> copy = new EnumMap<>(values);
    overrides.forEach((k, v) -> copy.put(k, String.valueOf(v)));
    return new BeaconConfig(copy);
  }

  public String get(Setting s) {
    return values.get(s);
  }

  public int intValue(Setting s) {
    return Integer.parseInt(values.get(s));
  }

  public long millis(Setting s) {
    return Long.parseLong(values.get(s));
  }

  public boolean bool(Setting s) {
    return Boolean.parseBoolean(values.get(s));
  }

  public List<String> list(Setting s) {
    String v = values.get(s);
    return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  public String host() {
    return get(Setting.HOST);
  }

  public int port() {
    return intValue(Setting.PORT);
  }

  /** The gRPC port: {@code grpc-port}, or the HTTP port + 1000 where nacos-client 2.x looks for it. */
  public int grpcPort() {
    int port = intValue(Setting.GRPC_PORT);
    return port != 0 ? port : port() + GRPC_PORT_OFFSET;
  }

  /** nacos-client 2.x's default {@code nacos.server.grpc.port.offset}. */
  public static final int GRPC_PORT_OFFSET = 1000;

  public boolean clustered() {
    return !list(Setting.CLUSTER_MEMBERS).isEmpty();
  }

  /** This node's id: {@code node-id}, or {@code host:port} of the HTTP API. */
  public String nodeId() {
    String id = get(Setting.NODE_ID);
    return id.isEmpty() ? host() + ":" + port() : id;
  }

  public int httpVerticles() {
    int n = intValue(Setting.HTTP_VERTICLES);
    return n > 0 ? n : Runtime.getRuntime().availableProcessors();
  }

  public boolean authEnabled() {
    return bool(Setting.AUTH_ENABLED);
  }

  /**
   * The decoded token key. With auth on, a missing, non-Base64, short or published sample key refuses the start: a
   * forgeable key is an open door, and Nacos only fails later, on the first login (HTTP 500).
   */
  public byte[] authKey() {
    String text = get(Setting.AUTH_SECRET_KEY);
    String name = Setting.AUTH_SECRET_KEY.key();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("auth-enabled=true needs " + name + " (Base64, at least " + MIN_KEY_BYTES
          + " bytes decoded)");
    }
    if (text.startsWith(PUBLISHED_SAMPLE_KEY)) {
      throw new IllegalArgumentException(name + " is the sample key published with Nacos: anyone can sign tokens "
          + "with it; set a random one (openssl rand -base64 32)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not valid Base64: " + e.getMessage());
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(name + " decodes to " + key.length + " bytes; at least " + MIN_KEY_BYTES
          + " are needed");
    }
    return key;
  }

  /** {@code raft-reads=stale}: persistent data is read from this node's tables without asking the leader. */
  public boolean staleReads() {
    return get(Setting.RAFT_READS).equals("stale");
  }

  private void validate(Setting s) {
    String v = values.get(s);
    if (s == Setting.RAFT_READS && !v.equals("linearizable") && !v.equals("stale")) {
      throw new IllegalArgumentException("setting " + s.key() + " must be linearizable or stale: " + v);
    }
    if ((s.defaultValue().equals("true") || s.defaultValue().equals("false"))
        && !v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("setting " + s.key() + " must be true or false: " + v);
    }
    if (s.defaultValue().matches("\\d+")) {
      try {
        if (Long.parseLong(v) < 0) {
          throw new IllegalArgumentException("setting " + s.key() + " must not be negative: " + v);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting " + s.key() + " must be a number: " + v);
      }
    }
  }

  @Override
  public String toString() {
    EnumMap<Setting, String> shown = new EnumMap<>(values);
    shown.replaceAll((s, v) -> s.secret() && !v.isEmpty() ? "***" : v);
    return shown.toString();
  }
}
