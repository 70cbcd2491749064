package dev.beacon.health;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Beat expiry with short timings, observed through the HTTP API (the catalog shows stored health). */
class BeatExpiryTest {

  static ApiNode api;
  static NacosHttp http;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.BEAT_TIMEOUT, 1000, Setting.DELETE_TIMEOUT, 2000,
        Setting.EXPIRY_CHECK_PERIOD, 100, Setting.EMPTY_SERVICE_TTL, 1000));
    http = api.http();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** The stored instance (catalog view: real health, no protect threshold), or null. */
  static JsonObject stored(String svc, int port) {
    NacosHttp.Response r = http.get("/v1/ns/catalog/instances", "serviceName", svc, "clusterName", "DEFAULT",
        "pageNo", "1", "pageSize", "100");
    if (r.status() == 404) {
      return null;
    }
    return r.json().getJsonArray("list").stream().map(JsonObject.class::cast)
        .filter(i -> i.getInteger("port") == port).findFirst().orElse(null);
  }

  static boolean healthy(String svc, int port) {
    JsonObject i = stored(svc, port);
    return i != null && i.getBoolean("healthy");
  }

  static void register(String svc, int port, String... extra) {
    List<String> kv = new ArrayList<>(List.of("serviceName", svc, "ip", "127.0.0.1",
        "port", String.valueOf(port)));
    kv.addAll(List.of(extra));
    assertEquals("ok", http.post("/v1/ns/instance", kv.toArray(String[]::new)).body());
  }

  static void beat(String svc, int port) {
    assertEquals(10200, http.put("/v1/ns/instance/beat", "serviceName", svc, "ip", "127.0.0.1",
        "port", String.valueOf(port)).json().getInteger("code"));
  }

  @Test
  void silentInstanceTurnsUnhealthyThenIsRemovedThenItsServiceGoes() {
    String svc = Names.unique("expiry");
    register(svc, 1);
    Await.until("unhealthy", WAIT, () -> !healthy(svc, 1) && stored(svc, 1) != null);
    Await.until("removed", WAIT, () -> stored(svc, 1) == null);
    Await.until("empty implicit service removed", WAIT,
        () -> http.get("/v1/ns/service", "serviceName", svc).status() == 404);
  }

  @Test
  void beatMakesAnUnhealthyInstanceHealthyAgain() {
    String svc = Names.unique("revive");
    register(svc, 1);
    Await.until("unhealthy", WAIT, () -> stored(svc, 1) != null && !healthy(svc, 1));
    beat(svc, 1);
    Await.until("healthy after one beat", WAIT, () -> healthy(svc, 1));
  }

  @Test
  void reRegisteringRefreshesTheBeatLikeNacos() {
    String svc = Names.unique("rereg");
    register(svc, 1);
    Await.until("unhealthy", WAIT, () -> stored(svc, 1) != null && !healthy(svc, 1));
    register(svc, 1);
    // Nacos sets lastBeat on every register: a fresh registration gets a whole beat-timeout of grace.
    Await.during("healthy for most of the beat timeout", Duration.ofMillis(700), () -> healthy(svc, 1));
  }

  @Test
  void identicalReRegisterIsAKeepalive() {
    String svc = Names.unique("keepalive");
    register(svc, 1);
    Await.during("healthy within the beat timeout", Duration.ofMillis(600), () -> healthy(svc, 1));
    register(svc, 1);
    // Without a refreshed lastBeat it would turn unhealthy 1000 ms after the first register.
    Await.during("healthy for most of a beat timeout after re-registering", Duration.ofMillis(800),
        () -> healthy(svc, 1));
  }

  @Test
  void perInstanceTimeoutsOverrideTheNodeDefaults() {
    String svc = Names.unique("custom");
    register(svc, 1, "metadata", "{\"preserved.heart.beat.timeout\":\"5000\",\"preserved.ip.delete.timeout\":\"6000\"}");
    register(svc, 2);
    Await.until("default instance removed", WAIT, () -> stored(svc, 2) == null);
    assertEquals(true, healthy(svc, 1), "custom timeouts keep it healthy");
  }

  @Test
  void persistentInstancesAndDefinedServicesDoNotExpire() {
    String svc = Names.unique("keep");
    assertEquals("ok", http.post("/v1/ns/service", "serviceName", svc).body());
    String empty = Names.unique("keep-empty");
    assertEquals("ok", http.post("/v1/ns/service", "serviceName", empty).body());
    register(svc, 1, "ephemeral", "false");
    register(svc, 2);
    Await.until("ephemeral one removed", WAIT, () -> stored(svc, 2) == null);
    JsonObject persistent = stored(svc, 1);
    assertEquals(false, persistent.getBoolean("ephemeral"));
    Await.during("defined empty service stays", Duration.ofMillis(1200),
        () -> http.get("/v1/ns/service", "serviceName", empty).status() == 200);
    assertNull(stored(svc, 2));
  }
}
