package dev.beacon.client;

import static dev.beacon.support.Await.START;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.AgentProcess;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.ServerJvms;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Vert.x application in a JVM of its own, with only the beacon-client jar and Vert.x 5.0.7 (vertx-core,
 * vertx-hazelcast) on its class path, joined as a lite member to three {@code java -jar beacon.jar} servers on
 * 127.0.0.21–23 (the application on 127.0.0.24): register, list, beats past the delete timeout, a subscription that
 * gets each change within 1 s, {@code kill -9} of a server with every following request answered within 2 s and
 * nothing lost, unsubscribe, and close stopping everything the client sent.
 */
@Tag("process")
class NamingClientProcessIT {

  private static final String PREFIX = "127.0.0.2";
  private static final String APP_HOST = "127.0.0.24";
  private static final long BEAT_INTERVAL = 500;
  private static final long DELETE_TIMEOUT = 3000;
  private static final long REQUEST_TIMEOUT = 1000;
  private static final long INTEREST_PERIOD = 500;
  private static final long CHANGE_WITHIN_MS = 1000;
  private static final long REQUEST_WITHIN_MS = 2000;
  /** Instances registered over HTTP are never beaten: long timeouts keep them while the test looks. */
  private static final String NO_EXPIRY = new JsonObject().put("preserved.heart.beat.timeout", "600000")
      .put("preserved.ip.delete.timeout", "600000").encode();

  @Test
  void anApplicationWithOnlyTheClientJarUsesTheClusterAndSurvivesAKilledServer() throws Exception {
    Map<String, String> settings = Map.ofEntries(
        Map.entry("BEACON_BEAT_INTERVAL", String.valueOf(BEAT_INTERVAL)),
        Map.entry("BEACON_BEAT_TIMEOUT", "1500"),
        Map.entry("BEACON_DELETE_TIMEOUT", String.valueOf(DELETE_TIMEOUT)),
        Map.entry("BEACON_EXPIRY_CHECK_PERIOD", "200"),
        Map.entry("BEACON_CLUSTER_HEARTBEAT", "1"),
        Map.entry("BEACON_CLUSTER_MEMBER_TIMEOUT", "6"),
        Map.entry("BEACON_DISTRO_HELLO_PERIOD", "200"),
        Map.entry("BEACON_DISTRO_VERIFY_PERIOD", "500"));
    try (ServerJvms servers = new ServerJvms(PREFIX, 3, settings)) {
      servers.startAll(START);
      int appPort = freePort();
      try (AgentProcess app = AppAgents.start(APP_HOST, appPort, servers.members(), BEAT_INTERVAL, REQUEST_TIMEOUT,
          INTEREST_PERIOD)) {
        String service = "app-" + UUID.randomUUID();

        // First requests: the application's connections to the servers are set up, it learns the server list and
        // the write path has run once, so the timings below measure changes, not a cold start.
        assertEquals("-", hostsAnswer(app.call("list " + service)));
        app.call("register " + service + "-warm-up 127.0.0.30 9000");
        app.call("deregister " + service + "-warm-up 127.0.0.30 9000");

        // Subscribe: live on completion, the current state (no such service yet) first.
        app.call("subscribe " + service);
        assertEquals(List.of("-"), hostsOf(app.events(service)), "the acknowledgement is the current state");

        // Register, and see the change; list it; every server lists it.
        long registered = System.nanoTime();
        app.call("register " + service + " 127.0.0.31 9001");
        awaitEvent(app, service, registered, "127.0.0.31:9001");
        assertEquals("127.0.0.31:9001", hostsAnswer(app.call("list " + service)));
        assertEquals("127.0.0.31:9001", app.call("select " + service));
        for (int i = 1; i <= 3; i++) {
          int n = i;
          Await.until("server " + n + " lists the instance", WAIT, () -> httpHosts(servers, n, service)
              .contains("127.0.0.31:9001"));
        }

        // Beats keep it alive past the delete timeout.
        Await.holds("still listed, healthy, on every server", Duration.ofMillis(DELETE_TIMEOUT * 2),
            () -> healthyEverywhere(servers, service, "127.0.0.31:9001"));

        // Changes made over HTTP on other servers reach the application within 1 s each.
        long added = System.nanoTime();
        assertEquals(200, NacosHttp.call(servers.host(2), servers.httpPort(), HttpMethod.POST, "/v1/ns/instance",
            Map.of("serviceName", service, "ip", "127.0.0.32", "port", 9002, "metadata", NO_EXPIRY)).status());
        awaitEvent(app, service, added, "127.0.0.31:9001,127.0.0.32:9002");
        long removed = System.nanoTime();
        assertEquals(200, NacosHttp.call(servers.host(3), servers.httpPort(), HttpMethod.DELETE, "/v1/ns/instance",
            Map.of("serviceName", service, "ip", "127.0.0.32", "port", 9002)).status());
        awaitEvent(app, service, removed, "127.0.0.31:9001");

        // kill -9 of a server that does not publish this service's feed; then every request within 2 s.
        String owner = NacosHttp.call(servers.host(1), servers.httpPort(), HttpMethod.GET,
            "/v1/ns/operator/distro/server", Map.of("serviceName", service)).json().getString("responsibleServer");
        int victim = servers.nodeId(1).equals(owner) ? 2 : 1;
        int survivor = victim == 1 ? 2 : 1;
        servers.kill(victim);
        long killed = System.nanoTime();
        List<Long> latencies = new ArrayList<>();
        List<String> written = new ArrayList<>();
        int k = 0;
        // Through the time the cluster takes to drop the dead member (6 s here) and beyond.
        while ((System.nanoTime() - killed) / 1_000_000 < 10_000) {
          String other = service + "-" + k;
          String address = "127.0.0.4" + (k % 10) + " " + (9100 + k);
          latencies.add(timed(() -> app.call("register " + other + " " + address)));
          written.add(other + "=" + address.replace(' ', ':'));
          // Another server may answer before the write's Distro delta reached it: only that it answers counts here.
          latencies.add(timed(() -> app.call("list " + other)));
          latencies.add(timed(() -> assertEquals("127.0.0.31:9001", hostsAnswer(app.call("list " + service)))));
          k++;
        }
        long slowest = latencies.stream().mapToLong(Long::longValue).max().orElse(0);
        // A request that met the dead server waited requestTimeout; everything else is an ordinary answer.
        List<Long> timedOut = latencies.stream().filter(l -> l >= REQUEST_TIMEOUT).toList();
        List<Long> slow = latencies.stream().filter(l -> l > REQUEST_TIMEOUT / 2).toList();
        System.out.printf("failover: %d requests after kill -9 of %s, slowest %d ms, %s ms paid the %d ms timeout,"
                + " slower than %d ms: %s, first three %s ms%n", latencies.size(), servers.nodeId(victim), slowest,
            timedOut, REQUEST_TIMEOUT, REQUEST_TIMEOUT / 2, slow, latencies.subList(0, Math.min(3, latencies.size())));
        assertTrue(slowest < REQUEST_WITHIN_MS, "slowest request after the kill took " + slowest + " ms");
        // The dead server costs one request its timeout, not every third one until the cluster drops it.
        assertTrue(timedOut.size() <= 2, timedOut.size() + " requests paid the timeout after the kill: " + timedOut);
        // Nothing lost: every write is listed by the survivors, and the beaten instance is still there.
        for (String w : written) {
          String name = w.substring(0, w.indexOf('='));
          String address = w.substring(w.indexOf('=') + 1);
          Await.until(name + " listed by the survivor", WAIT,
              () -> httpHosts(servers, survivor, name).contains(address));
        }
        Await.until("the beaten instance survives", WAIT,
            () -> healthyEverywhereBut(servers, victim, service, "127.0.0.31:9001"));
        long later = System.nanoTime();
        app.call("register " + service + " 127.0.0.33 9003");
        awaitEvent(app, service, later, "127.0.0.31:9001,127.0.0.33:9003");

        // Unsubscribe stops the feed.
        app.call("unsubscribe " + service);
        int seen = app.events(service).size();
        app.call("register " + service + " 127.0.0.34 9004");
        Await.until("the survivor lists the fourth", WAIT, () -> httpHosts(servers, survivor, service)
            .contains("127.0.0.34:9004"));
        Await.holds("no event after unsubscribe", Duration.ofMillis(CHANGE_WITHIN_MS * 2),
            () -> app.events(service).size() == seen);

        // close deregisters and stops every timer: nothing more is sent to the servers (no beat, no renewal).
        app.call("subscribe " + service);
        app.call("close");
        Await.until("deregistered by close", WAIT, () -> httpHosts(servers, survivor, service).isEmpty());
        Await.holds("nothing sent after close", Duration.ofMillis(Math.max(BEAT_INTERVAL, INTEREST_PERIOD) * 6),
            () -> app.call("sent").equals("0"));
      }
    }
  }

  private static void awaitEvent(AgentProcess app, String service, long after, String hosts) {
    AgentProcess.Event event = Await.value("event " + hosts, WAIT, () -> app.events(service).stream()
        .filter(e -> e.at() >= after && hostsOf(e).equals(hosts)).findFirst().orElse(null), e -> e != null);
    long ms = (event.at() - after) / 1_000_000;
    System.out.printf("change to [%s] reached the application in %d ms%n", hosts, ms);
    assertTrue(ms < CHANGE_WITHIN_MS, "event " + hosts + " took " + ms + " ms");
  }

  private static List<String> hostsOf(List<AgentProcess.Event> events) {
    return events.stream().map(NamingClientProcessIT::hostsOf).toList();
  }

  /** An application's event is {@code EVENT <service> <hosts>}. */
  private static String hostsOf(AgentProcess.Event event) {
    return event.words().get(1);
  }

  /** "<ms> <hosts>" → hosts. */
  private static String hostsAnswer(String answer) {
    return answer.substring(answer.indexOf(' ') + 1);
  }

  private static long timed(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static Set<String> httpHosts(ServerJvms servers, int node, String service) {
    try {
      NacosHttp.Response r = NacosHttp.call(servers.host(node), servers.httpPort(), HttpMethod.GET,
          "/v1/ns/instance/list", Map.of("serviceName", service));
      if (r.status() != 200) {
        return Set.of();
      }
      return r.hosts().stream().map(h -> ((JsonObject) h).getString("ip") + ":" + ((JsonObject) h).getInteger("port"))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (RuntimeException e) {
      return Set.of();
    }
  }

  private static boolean healthyEverywhere(ServerJvms servers, String service, String address) {
    return healthyEverywhereBut(servers, 0, service, address);
  }

  private static boolean healthyEverywhereBut(ServerJvms servers, int skip, String service, String address) {
    for (int i = 1; i <= 3; i++) {
      if (i == skip) {
        continue;
      }
      NacosHttp.Response r = NacosHttp.call(servers.host(i), servers.httpPort(), HttpMethod.GET,
          "/v1/ns/instance/list", Map.of("serviceName", service));
      boolean healthy = r.status() == 200 && r.hosts().stream().map(h -> (JsonObject) h).anyMatch(h ->
          address.equals(h.getString("ip") + ":" + h.getInteger("port")) && h.getBoolean("healthy"));
      if (!healthy) {
        return false;
      }
    }
    return true;
  }

  private static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getByName(APP_HOST), port));
        return port;
      } catch (IOException e) {
        // taken, try another
      }
    }
    throw new IllegalStateException("no free port on " + APP_HOST);
  }
}
