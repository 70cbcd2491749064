package dev.beacon.http;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code PUT /nacos/v1/ns/operator/switches} as Nacos's own integration tests and operators use it: validated like
 * Nacos, applied at once, shown by GET, committed through Raft so it survives a restart. Each test sets back what it
 * changes; the restart test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchesTest {

  static final String SWITCHES = "/v1/ns/operator/switches";
  static final long DELETE_TIMEOUT = 1000;
  static BeaconConfig config;
  static Beacon node;
  static NacosHttp http;

  @BeforeAll
  static void start() {
    config = TestNodes.standaloneConfig(Map.of(Setting.BEAT_TIMEOUT, 500, Setting.DELETE_TIMEOUT, DELETE_TIMEOUT,
        Setting.EXPIRY_CHECK_PERIOD, 100));
    node = TestNodes.start(config);
    http = new NacosHttp(config.port());
  }

  @AfterAll
  static void stop() {
    http.close();
    TestNodes.stop(node);
  }

  static JsonObject switches() {
    return http.get(SWITCHES).json();
  }

  static void set(String entry, String value) {
    Response r = http.put(SWITCHES, "entry", entry, "value", value);
    assertEquals(new Response(200, "ok"), r, entry + "=" + value);
  }

  @Test
  @Order(1)
  void whatNacosIntegrationTestsSetIsAccepted() {
    set("overriddenServerStatus", "UP");
    set("autoChangeHealthCheckEnabled", "false");
    assertEquals("UP", switches().getString("overriddenServerStatus"));
    assertEquals(false, switches().getBoolean("autoChangeHealthCheckEnabled"));
    set("autoChangeHealthCheckEnabled", "true");
    set("overriddenServerStatus", "null");
    assertEquals(null, switches().getString("overriddenServerStatus"));
  }

  @Test
  @Order(2)
  void unknownEntriesAndBadValuesAre400AndChangeNothing() {
    JsonObject before = switches();
    String[][] bad = {{"noSuchSwitch", "1"}, {"clientBeatInterval", "abc"}, {"clientBeatInterval", "0"},
        {"defaultCacheMillis", "10"}, {"defaultPushCacheMillis", "5000"}, {"healthCheckEnabled", "maybe"},
        {"distroThreshold", "0"}, {"overriddenServerStatus", "SIDEWAYS"}, {"checkTimes", "-1"}};
    for (String[] kv : bad) {
      Response r = http.put(SWITCHES, "entry", kv[0], "value", kv[1]);
      assertEquals(400, r.status(), kv[0] + "=" + kv[1] + ": " + r.body());
    }
    assertEquals(400, http.put(SWITCHES, "entry", "clientBeatInterval").status(), "value missing");
    assertEquals(before, switches());
  }

  @Test
  @Order(3)
  void clientBeatIntervalAndCacheMillisReachTheClients() {
    String svc = Names.unique("switch-beat");
    http.register(svc, "127.0.0.61", 1);
    set("clientBeatInterval", "2500");
    set("lightBeatEnabled", "false");
    set("defaultCacheMillis", "1500");
    try {
      JsonObject beat = http.put("/v1/ns/instance/beat", "serviceName", svc, "ip", "127.0.0.61", "port", "1").json();
      assertEquals(2500, beat.getLong("clientBeatInterval"));
      assertEquals(false, beat.getBoolean("lightBeatEnabled"));
      assertEquals(1500, http.list(svc).json().getLong("cacheMillis"));
    } finally {
      set("clientBeatInterval", String.valueOf(config.millis(Setting.BEAT_INTERVAL)));
      set("lightBeatEnabled", "true");
      set("defaultCacheMillis", String.valueOf(config.millis(Setting.CACHE_MILLIS)));
    }
  }

  @Test
  @Order(4)
  void overriddenServerStatusDownRefusesTheApiButNotTheSwitches() {
    set("overriddenServerStatus", "DOWN");
    try {
      Response list = http.get("/v1/ns/instance/list", "serviceName", "any");
      assertEquals(503, list.status());
      assertEquals("server is DOWNnow, please try again later!", list.body());
      assertEquals("DOWN", http.get("/v1/ns/operator/metrics").json().getString("status"));
      set("overriddenServerStatus", "READ_ONLY");
      assertEquals(200, http.get("/v1/ns/instance/list", "serviceName", "any").status());
      assertEquals(503, http.post("/v1/ns/instance", "serviceName", "any", "ip", "127.0.0.62", "port", "1").status());
    } finally {
      set("overriddenServerStatus", "UP");
    }
    assertEquals(200, http.get("/v1/ns/instance/list", "serviceName", "any").status());
  }

  @Test
  @Order(5)
  void healthCheckDisabledStopsExpiry() {
    String svc = Names.unique("switch-expiry");
    set("healthCheckEnabled", "false");
    http.register(svc, "127.0.0.63", 1);
    Await.holds("no beat, but not removed while health checks are off", Duration.ofMillis(DELETE_TIMEOUT * 3),
        () -> http.list(svc).hosts().size() == 1);
    set("healthCheckEnabled", "true");
    Await.until("removed once they are on", WAIT, () -> http.list(svc).hosts().isEmpty());
  }

  @Test
  @Order(6)
  void aSwitchSurvivesARestart() {
    set("defaultInstanceEphemeral", "false");
    set("checkTimes", "4");
    TestNodes.stop(node);
    node = TestNodes.start(config);
    JsonObject after = switches();
    assertEquals(false, after.getBoolean("defaultInstanceEphemeral"));
    assertEquals(4, after.getInteger("checkTimes"));
    String svc = Names.unique("switch-persistent");
    http.register(svc, "127.0.0.64", 1);
    assertTrue(!http.list(svc).hosts().getJsonObject(0).getBoolean("ephemeral"),
        "registered without ephemeral=...: persistent by the switch");
    set("defaultInstanceEphemeral", "true");
    set("checkTimes", String.valueOf(config.intValue(Setting.HEALTH_CHECK_TIMES)));
  }
}
