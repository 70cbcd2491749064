package dev.beacon.push;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.model.ServiceKey;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.TestNodes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real nacos-client 1.4.8 subscriber learns of a change through UDP push, long before it would poll. */
class NacosClientPushTest {

  private static Beacon node;
  private static ApiNode api;

  @BeforeAll
  static void start() throws Exception {
    // The client pushes to the clientIP it reports: keep it on loopback (NacosClients keeps its cache in a temp dir).
    System.setProperty("com.alibaba.nacos.client.naming.local.ip", "127.0.0.1");
    // The client polls every cacheMillis: one minute, so only a push can deliver the change within a second.
    api = ApiNode.start(Map.of(Setting.PUSH_CACHE_MILLIS, 60000,
        Setting.CACHE_MILLIS, 60000));
    node = api.beacon();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void subscriberReceivesRegistrationWithinOneSecond() throws Exception {
    String service = TestNodes.uniqueService("push-client");
    ServiceKey key = ServiceKey.of("public", "DEFAULT_GROUP", service);
    api.http().register(service, "127.0.0.1", 7001);

    NamingService naming = NacosClients.naming(node.node().config().port());
    try {
      LinkedBlockingQueue<List<Instance>> events = new LinkedBlockingQueue<>();
      naming.subscribe(service, e -> events.add(((NamingEvent) e).getInstances()));
      List<Subscriber> subscribed = node.node().subscriptions().list(key);
      assertTrue(subscribed.size() == 1, "the client's first query subscribed it: " + subscribed);
      // The client's update task re-queries once about a second after subscribing; let it, so that the next poll is
      // a minute away.
      long firstQuery = subscribed.get(0).lastRefTime();
      Await.until("the client's first scheduled re-query", WAIT, () ->
          node.node().subscriptions().list(key).stream().anyMatch(s -> s.lastRefTime() > firstQuery));

      api.http().register(service, "127.0.0.2", 7002);
      long registered = System.nanoTime();
      List<Instance> seen = null;
      while (seen == null || seen.size() < 2) {
        seen = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(seen, "no listener event with the second instance");
      }
      long elapsedMillis = (System.nanoTime() - registered) / 1_000_000;
      assertTrue(elapsedMillis < 1000, "pushed after " + elapsedMillis + " ms");
      assertTrue(seen.stream().anyMatch(i -> i.getIp().equals("127.0.0.2") && i.getPort() == 7002));
      Await.until("push acked by the client", WAIT,
          () -> ((SubscriberTable) node.node().subscriptions()).stats().getAcked() >= 1);
    } finally {
      naming.shutDown();
    }
  }
}
