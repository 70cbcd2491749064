package dev.beacon.distro;

import io.vertx.core.json.JsonObject;

/** The Nacos 1.4 {@code Member} JSON of a registry server, as {@code /operator/servers} lists it. */
public final class Servers {

  public static final String VERSION = "1.4.8";

  private Servers() {
  }

  public static JsonObject describe(String nodeId, long lastRefresh) {
    int colon = nodeId.lastIndexOf(':');
    String ip = colon > 0 ? nodeId.substring(0, colon) : nodeId;
    int port = colon > 0 ? Integer.parseInt(nodeId.substring(colon + 1)) : 8848;
    return new JsonObject().put("ip", ip).put("port", port).put("state", "UP")
        .put("extendInfo", new JsonObject().put("lastRefreshTime", lastRefresh).put("version", VERSION))
        .put("address", ip + ":" + port).put("failAccessCnt", 0);
  }
}
