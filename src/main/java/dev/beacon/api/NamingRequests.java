package dev.beacon.api;

import dev.beacon.model.BeaconError;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.Selector;
import dev.beacon.model.ServiceKey;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** The shared parsing and validation of naming parameters, following Nacos 1.4's filter and controllers. */
public final class NamingRequests {

  // Character classes checked by hand (letters and digits plus these): this runs on every request.
  private static final String SERVICE_NAME = "@.:_-";
  private static final String CLUSTER_NAME = "-";
  private static final String NAMESPACE = "_.:-";
  private static final String HOST = ".:_%[]-";
  private static final double MAX_WEIGHT = 10000.0;

  private NamingRequests() {
  }

  public static String namespace(Params p) {
    String ns = p.optional("namespaceId", ServiceKey.DEFAULT_NAMESPACE);
    if (!only(ns, NAMESPACE, 128)) {
      throw BeaconError.badRequest("Param 'namespaceId' is illegal, illegal characters should not appear in the param.");
    }
    return ns;
  }

  /**
   * Longest {@code group@@name} accepted (characters). Nacos 1.4 has none; a bounded key keeps one request from
   * planting a multi-kilobyte name in every node's tables, and 512 leaves room for any real naming scheme.
   */
  public static final int MAX_SERVICE_KEY = 512;

  /** Nacos's DistroFilter rewrite: {@code serviceName} (or legacy {@code dom}) grouped with {@code groupName}. */
  public static ServiceKey serviceKey(Params p) {
    String name = p.optional("serviceName", p.optional("dom", null));
    if (name == null) {
      throw BeaconError.badRequest("Param 'serviceName' is required.");
    }
    String grouped = name.contains(ServiceKey.SEPARATOR) ? name
        : p.optional("groupName", ServiceKey.DEFAULT_GROUP) + ServiceKey.SEPARATOR + name;
    if (!nacosSplitsInTwo(grouped)) {
      throw BeaconError.badRequest(
          "Param 'serviceName' is illegal, it should be format as 'groupName@@serviceName'");
    }
    if (grouped.startsWith(ServiceKey.SEPARATOR)) {
      throw BeaconError.badRequest("Param 'serviceName' is illegal, groupName can't be empty");
    }
    if (grouped.length() > MAX_SERVICE_KEY) {
      throw BeaconError.badRequest("Param 'serviceName' is illegal, groupName@@serviceName is longer than "
          + MAX_SERVICE_KEY + " characters: " + grouped.length());
    }
    if (!only(grouped, SERVICE_NAME, Integer.MAX_VALUE)) {
      throw BeaconError.badRequest("dom name can only have these characters: 0-9a-zA-Z-._:, current: " + grouped);
    }
    return new ServiceKey(namespace(p), grouped);
  }

  public static String cluster(Params p, String fallback) {
    return cluster(p.optional("clusterName", p.optional("cluster", fallback)));
  }

  public static String cluster(String name) {
    if (!only(name, CLUSTER_NAME, Integer.MAX_VALUE)) {
      throw BeaconError.badRequest("cluster name can only have these characters: 0-9a-zA-Z-, current: " + name);
    }
    return name;
  }

  public static InstanceRef instanceRef(Params p) {
    return new InstanceRef(cluster(p, Instance.DEFAULT_CLUSTER), ip(p.required("ip")), port(p.requiredInt("port")));
  }

  public static String ip(String ip) {
    boolean badIpv4 = ip.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) && !validIpv4(ip);
    if (badIpv4 || !only(ip, HOST, 255)) {
      throw BeaconError.badRequest("instance format invalid: Your IP address is spelled incorrectly");
    }
    return ip;
  }

  public static int port(int port) {
    if (port < 1 || port > 65535) {
      throw BeaconError.badRequest("instance format invalid: port " + port + " is not between 1 and 65535");
    }
    return port;
  }

  public static double weight(double weight) {
    if (weight < 0 || weight > MAX_WEIGHT) {
      throw BeaconError.badRequest("instance format invalid: The weights range from 0.0 to 10000.0");
    }
    return weight;
  }

  /**
   * The instance of a register or update (PUT): {@code enabled}, else the legacy {@code enable}, else true;
   * {@code ephemeral} defaults to the {@code defaultInstanceEphemeral} switch.
   */
  public static Instance instance(Params p, boolean defaultEphemeral) {
    return instance(p, defaultEphemeral, metadata(p.optional("metadata", null)));
  }

  /** As {@link #instance(Params, boolean)}, with the metadata already parsed (a gRPC body carries it as JSON). */
  public static Instance instance(Params p, boolean defaultEphemeral, Metadata metadata) {
    boolean enabled = p.has("enabled") ? p.lenientBoolean("enabled", true) : p.lenientBoolean("enable", true);
    return new Instance(instanceRef(p), weight(p.doubleValue("weight", 1.0)), p.lenientBoolean("healthy", true),
        enabled, p.lenientBoolean("ephemeral", defaultEphemeral), false, metadata, p.optional("app", "DEFAULT"), null);
  }

  /**
   * JSON object of strings, or the legacy {@code k1=v1,k2=v2}; JSON {@code null} is no metadata (nacos-client 1.4.x
   * re-registers from a {@code BeatInfo} without metadata that way, and Nacos accepts it); anything else is a 400.
   */
  public static Metadata metadata(String raw) {
    if (raw == null || raw.isBlank()) {
      return Metadata.EMPTY;
    }
    return Metadata.of(metadataMap(raw));
  }

  public static Map<String, String> metadataMap(String raw) {
    Map<String, String> map = new LinkedHashMap<>();
    String s = raw.trim();
    if (s.equals("null")) {
      return map;
    }
    if (s.startsWith("{")) {
      try {
        return strings(new JsonObject(s), () -> raw);
      } catch (DecodeException | ClassCastException e) {
        throw BeaconError.badRequest("metadata format incorrect:" + raw);
      }
    }
    for (String pair : s.split(",")) {
      String[] kv = pair.split("=");
      if (kv.length != 2) {
        throw BeaconError.badRequest("metadata format incorrect:" + raw);
      }
      map.put(kv[0].trim(), kv[1].trim());
    }
    return map;
  }

  /** Metadata given as a JSON object: string values (numbers and booleans as text), nested values refused. */
  public static Metadata metadata(JsonObject json) {
    return Metadata.of(strings(json, json::encode));
  }

  /** {@code raw}: the metadata as the client wrote it, for the error message. */
  private static Map<String, String> strings(JsonObject json, Supplier<String> raw) {
    Map<String, String> map = new LinkedHashMap<>();
    json.forEach(e -> {
      Object v = e.getValue();
      if (v instanceof Map || v instanceof Iterable || v instanceof JsonObject) {
        throw BeaconError.badRequest("metadata format incorrect:" + raw.get());
      }
      if (v != null) {
        map.put(e.getKey(), String.valueOf(v));
      }
    });
    return map;
  }

  /**
   * A JSON object from a client with its null members dropped, so every optional field reads as absent instead of
   * failing later with an NPE (a 500). Null means {@code raw} is not a JSON object.
   */
  public static JsonObject jsonObject(String raw) {
    try {
      JsonObject json = new JsonObject(raw);
      json.getMap().values().removeIf(Objects::isNull);
      return json;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** A service selector: {@code {"type":"none"}} or {@code {"type":"label","expression":…}}; blank or "null" is none. */
  public static Selector selector(String raw) {
    if (raw == null || raw.isBlank() || "null".equals(raw.trim())) {
      return Selector.NONE;
    }
    JsonObject json = jsonObject(raw);
    Object type = json == null ? null : json.getValue("type");
    if ("none".equals(type)) {
      return Selector.NONE;
    }
    if ("label".equals(type) && !(json.getValue("expression", "") instanceof String)) {
      throw BeaconError.badRequest("selector expression must be a string: " + raw);
    }
    if ("label".equals(type)) {
      return new Selector("label", json.getString("expression", ""));
    }
    throw BeaconError.badRequest("not match any type of selector!");
  }

  public static float threshold(Params p, boolean required) {
    String raw = required ? p.required("protectThreshold") : p.optional("protectThreshold", "0");
    try {
      float f = Float.parseFloat(raw);
      if (Float.isNaN(f) || f < 0 || f > 1) {
        throw BeaconError.badRequest("protectThreshold must be between 0 and 1, got: " + raw);
      }
      return f;
    } catch (NumberFormatException e) {
      throw BeaconError.badRequest("For input string: \"" + raw + "\"");
    }
  }

  /** Nacos's {@code name.split("@@").length >= 2}: a separator, and something but separators after the first. */
  private static boolean nacosSplitsInTwo(String grouped) {
    int sep = grouped.indexOf(ServiceKey.SEPARATOR);
    if (sep < 0) {
      return false;
    }
    int rest = grouped.length() - sep - 2;
    for (int i = sep + 2; i < grouped.length(); i++) {
      if (grouped.charAt(i) != '@') {
        return true;
      }
    }
    return rest % 2 == 1;
  }

  /** Non-empty, at most {@code max} characters, each an ASCII letter or digit or one of {@code extra}. */
  private static boolean only(String s, String extra, int max) {
    if (s.isEmpty() || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && extra.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean validIpv4(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
