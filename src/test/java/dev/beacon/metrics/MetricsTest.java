package dev.beacon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.ApiNode;
import dev.beacon.support.NacosHttp;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} serves Prometheus text whose Beacon series move when traffic flows. */
class MetricsTest {

  private static ApiNode api;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void namedSeriesExistAndMoveWithTraffic() {
    String before = scrape();
    double registers = valueOrZero(before, "beacon_commands_total\\{type=\"Register\"\\}");
    double beats = value(before, "beacon_beats_total\\{result=\"ok\"\\}");

    api.http().register("metrics-svc", "127.0.0.1", 9001);
    api.http().call(HttpMethod.PUT, "/v1/ns/instance/beat",
        Map.of("serviceName", "metrics-svc", "ip", "127.0.0.1", "port", 9001));
    api.http().call(HttpMethod.GET, "/v1/ns/instance/list", Map.of("serviceName", "metrics-svc"));

    String after = scrape();
    assertEquals(registers + 1, value(after, "beacon_commands_total\\{type=\"Register\"\\}"));
    assertEquals(beats + 1, value(after, "beacon_beats_total\\{result=\"ok\"\\}"));
    assertTrue(value(after, "beacon_instances") >= 1);
    assertTrue(value(after, "beacon_namespace_instances\\{namespace=\"public\"\\}") >= 1, after);
    assertTrue(value(after, "beacon_http_requests_seconds_count\\{code=\"200\",method=\"POST\","
        + "route=\"/nacos/v1/ns/instance\"\\}") >= 1, after);
    for (String series : new String[] {"beacon_worker_queue_depth", "beacon_expiry_total", "beacon_push_sent_total",
        "beacon_push_acked_total", "beacon_push_subscribers", "jvm_memory_used_bytes"}) {
      assertTrue(after.contains(series), "missing series " + series);
    }
  }

  private static String scrape() {
    NacosHttp.Response r = api.http().raw(HttpMethod.GET, "/metrics", null, null);
    assertEquals(200, r.status());
    return r.body();
  }

  /** Counters of a kind not seen yet are created on first use, so "absent" reads as zero before traffic. */
  private static double valueOrZero(String text, String series) {
    return Pattern.compile("(?m)^" + series + " ").matcher(text).find() ? value(text, series) : 0;
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(text);
    assertTrue(m.find(), "series not found: " + series);
    return Double.parseDouble(m.group(1));
  }
}
