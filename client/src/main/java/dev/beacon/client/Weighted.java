package dev.beacon.client;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Weighted random choice among hosts, as nacos-client's {@code Chooser}: weight share = chance of being picked. */
final class Weighted {

  private Weighted() {
  }

  /** {@code random} in [0, 1); null when there are no hosts. */
  static JsonObject pick(List<JsonObject> hosts, double random) {
    double total = 0;
    for (JsonObject h : hosts) {
      total += h.getDouble("weight", 1.0);
    }
    double point = random * total;
    for (JsonObject h : hosts) {
      point -= h.getDouble("weight", 1.0);
      if (point < 0) {
        return h;
      }
    }
    return hosts.isEmpty() ? null : hosts.get(hosts.size() - 1);
  }
}
