package dev.beacon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedTest {

  private static JsonObject host(String ip, double weight) {
    return new JsonObject().put("ip", ip).put("weight", weight);
  }

  @Test
  void randomPointFallsIntoTheHostsShareOfTheTotalWeight() {
    List<JsonObject> hosts = List.of(host("a", 1), host("b", 3));
    assertEquals("a", Weighted.pick(hosts, 0.0).getString("ip"));
    assertEquals("a", Weighted.pick(hosts, 0.24).getString("ip"));
    assertEquals("b", Weighted.pick(hosts, 0.25).getString("ip"));
    assertEquals("b", Weighted.pick(hosts, 0.999).getString("ip"));
  }

  @Test
  void noHostsNoPick() {
    assertNull(Weighted.pick(List.of(), 0.5));
  }
}
