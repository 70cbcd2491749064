package dev.beacon.push;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.FakeSubscriber.Push;
import dev.beacon.support.FakeSubscriber;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** UDP push as nacos-client sees it, observed by a fake subscriber that controls its acks. */
class UdpPushTest {

  private static final Duration ACK_TIMEOUT = Duration.ofMillis(300);
  private static final long PUSH_CACHE_MILLIS = 2000;

  private static Beacon node;
  private static ApiNode api;
  private static PushStats stats;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.PUSH_ACK_TIMEOUT, ACK_TIMEOUT.toMillis(),
        Setting.PUSH_RETRIES, 1, Setting.PUSH_CACHE_MILLIS, PUSH_CACHE_MILLIS, Setting.PUSH_SWEEP_PERIOD, 200));
    node = api.beacon();
    stats = ((SubscriberTable) node.node().subscriptions()).stats();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static void subscribe(String service, FakeSubscriber subscriber) {
    NacosHttp.Response r = api.http().send(HttpMethod.GET, "/v1/ns/instance/list", Map.of("serviceName", service,
        "udpPort", subscriber.port(), "clientIP", "127.0.0.1"), null, NacosHttp.JAVA_CLIENT);
    assertEquals(200, r.status(), r.body());
    assertEquals(PUSH_CACHE_MILLIS, new JsonObject(r.body()).getLong("cacheMillis"), "push cacheMillis");
  }

  @Test
  void changePushesTheNewViewAndAnUnackedPushIsResentUntilAcked() {
    String service = TestNodes.uniqueService("push");
    try (FakeSubscriber subscriber = new FakeSubscriber()) {
      subscribe(service, subscriber);
      long sent = stats.getSent();
      long acked = stats.getAcked();
      api.http().register(service, "127.0.0.1", 8080);

      Push first = subscriber.next(Duration.ofSeconds(2));
      assertEquals("dom", first.packet().getString("type"));
      JsonObject data = first.data();
      assertEquals("DEFAULT_GROUP@@" + service, data.getString("name"));
      assertEquals("", data.getString("clusters"));
      assertEquals(PUSH_CACHE_MILLIS, data.getLong("cacheMillis"));
      assertEquals(1, data.getJsonArray("hosts").size());
      assertFalse(first.gzipped(), "small pushes are not compressed");
      assertTrue(stats.getSent() > sent);

      // Not acked: the very same packet comes again after the ack timeout.
      Push again = subscriber.next(ACK_TIMEOUT.multipliedBy(4));
      assertEquals(first.lastRefTime(), again.lastRefTime());
      assertEquals(first.packet().getString("data"), again.packet().getString("data"));

      subscriber.ack(again);
      Await.until("ack counted", WAIT, () -> stats.getAcked() > acked);
      assertNull(subscriber.poll(ACK_TIMEOUT.multipliedBy(3)), "no resend after the ack");
    }
  }

  @Test
  void pushNeverAckedIsCountedFailedAfterTheRetries() {
    String service = TestNodes.uniqueService("push");
    try (FakeSubscriber subscriber = new FakeSubscriber()) {
      subscribe(service, subscriber);
      long failed = stats.getFailed();
      api.http().register(service, "127.0.0.1", 8081);
      Push first = subscriber.next(Duration.ofSeconds(2));
      Push resent = subscriber.next(ACK_TIMEOUT.multipliedBy(4));
      assertEquals(first.lastRefTime(), resent.lastRefTime());
      Await.until("failed counted", WAIT, () -> stats.getFailed() > failed);
      assertNull(subscriber.poll(ACK_TIMEOUT.multipliedBy(2)), "push-retries=1 means two sends in all");
    }
  }

  @Test
  void unknownDatagramTypesAreNotAnswered() {
    String service = TestNodes.uniqueService("push");
    try (FakeSubscriber subscriber = new FakeSubscriber()) {
      subscribe(service, subscriber);
      api.http().register(service, "127.0.0.1", 8082);
      Push push = subscriber.next(Duration.ofSeconds(2));
      subscriber.send(new JsonObject().put("type", "bogus").put("lastRefTime", "1").put("data", ""), push);
      subscriber.ack(push);
      Push unexpected = subscriber.poll(ACK_TIMEOUT.multipliedBy(3));
      assertNull(unexpected, "nothing but pushes comes from the server");
    }
  }

  @Test
  void largeServiceArrivesGzippedAndDecompressesToTheHosts() {
    String service = TestNodes.uniqueService("push");
    for (int i = 0; i < 12; i++) {
      api.http().register(service, "127.0.0." + (i + 1), 9000 + i);
    }
    try (FakeSubscriber subscriber = new FakeSubscriber()) {
      subscribe(service, subscriber);
      api.http().register(service, "127.0.1.1", 9100);
      Push push = Await.value("push with all 13 hosts", Duration.ofSeconds(3), () -> {
        Push p = subscriber.next(Duration.ofSeconds(2));
        subscriber.ack(p);
        return p;
      }, p -> p.data().getJsonArray("hosts").size() == 13);
      assertTrue(push.gzipped(), "a datagram of >= 1024 bytes is gzipped");
      assertTrue(push.packet().encode().length() >= 1024);
      JsonArray hosts = push.data().getJsonArray("hosts");
      assertTrue(hosts.stream().map(h -> ((JsonObject) h).getString("ip")).anyMatch("127.0.1.1"::equals));
    }
  }

  @Test
  void subscriberIsListedAndExpiresWithoutQueriesAndIsNotPushedToAfterwards() {
    String service = TestNodes.uniqueService("push");
    try (FakeSubscriber subscriber = new FakeSubscriber()) {
      subscribe(service, subscriber);
      JsonObject listed = new JsonObject(api.http().call(HttpMethod.GET, "/v1/ns/service/subscribers",
          Map.of("serviceName", service)).body());
      assertEquals(1, listed.getInteger("count"));
      JsonObject s = listed.getJsonArray("subscribers").getJsonObject(0);
      assertEquals("127.0.0.1:" + subscriber.port(), s.getString("addrStr"));
      assertEquals(NacosHttp.JAVA_CLIENT, s.getString("agent"));
      assertEquals("DEFAULT_GROUP@@" + service, s.getString("serviceName"));
      assertEquals("public", s.getString("namespaceId"));

      Await.until("subscriber expired", Duration.ofMillis(PUSH_CACHE_MILLIS * 3), () -> new JsonObject(
          api.http().call(HttpMethod.GET, "/v1/ns/service/subscribers", Map.of("serviceName", service)).body())
          .getInteger("count") == 0);
      api.http().register(service, "127.0.0.1", 8083);
      assertNull(subscriber.poll(Duration.ofMillis(800)), "expired subscribers get no pushes");
    }
  }
}
