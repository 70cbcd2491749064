package dev.beacon.ops;

import static dev.beacon.support.Await.START;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.Await;
import dev.beacon.support.LocalCluster;
import dev.beacon.support.NacosHttp;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -TERM} of one node of three, as docker or systemd stop it: the JVM exits 0 within the shutdown
 * timeout, and clients that keep beating (light beats, to any node that answers) lose nothing: their instances stay
 * listed on the survivors over several delete timeouts, and no beat is answered 20404.
 */
@Tag("process")
class SigtermIT {

  private static final long DELETE_TIMEOUT = 4000;
  private static final long SHUTDOWN_TIMEOUT = 10_000;
  private static final int SERVICES = 20;
  private static final int STOPPED = 1;

  private final Queue<String> beatFailures = new ConcurrentLinkedQueue<>();
  private final Set<Integer> down = ConcurrentHashMap.newKeySet();

  @Test
  void sigtermExitsZeroAndSurvivorsKeepEveryBeatingInstance() throws Exception {
    try (LocalCluster cluster = new LocalCluster(Map.ofEntries(
        Map.entry("BEACON_CLUSTER_JOIN_WAIT", "0"), Map.entry("BEACON_CLUSTER_HEARTBEAT", "1"),
        Map.entry("BEACON_DISTRO_HELLO_PERIOD", "200"), Map.entry("BEACON_HTTP_VERTICLES", "1"),
        Map.entry("BEACON_BEAT_TIMEOUT", String.valueOf(DELETE_TIMEOUT / 2)),
        Map.entry("BEACON_DELETE_TIMEOUT", String.valueOf(DELETE_TIMEOUT)),
        Map.entry("BEACON_EXPIRY_CHECK_PERIOD", "200"), Map.entry("BEACON_DISTRO_FORWARD_TIMEOUT", "1000"),
        Map.entry("BEACON_SHUTDOWN_TIMEOUT", String.valueOf(SHUTDOWN_TIMEOUT))))) {
      LocalCluster.Result start = cluster.script("start");
      assertEquals(0, start.exitCode(), start.output());
      for (int i = 1; i <= 3; i++) {
        awaitServers(cluster, i, 3);
      }
      List<String> services = new ArrayList<>();
      String prefix = "sigterm-" + UUID.randomUUID();
      for (int n = 0; n < SERVICES; n++) {
        services.add(prefix + "-" + n);
        NacosHttp.Response r = NacosHttp.call(cluster.httpPort(1 + n % 3), HttpMethod.POST, "/v1/ns/instance",
            Map.of("serviceName", services.get(n), "ip", "127.0.0." + (n + 1), "port", 8080));
        assertEquals(200, r.status(), r.body());
      }
      AtomicBoolean beating = new AtomicBoolean(true);
      Thread clients = new Thread(() -> beatUntilStopped(cluster, services, beating), "beating-clients");
      clients.start();
      try {
        for (int i = 1; i <= 3; i++) {
          awaitAllListed(cluster, i, services);
        }

        ProcessHandle jvm = cluster.process(STOPPED).orElseThrow();
        long signalled = System.nanoTime();
        assertTrue(jvm.destroy(), "SIGTERM sent");
        Await.until("node" + STOPPED + " exits", Duration.ofMillis(SHUTDOWN_TIMEOUT + 5000), () -> !jvm.isAlive());
        long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
        down.add(STOPPED);
        int code = Await.value("recorded exit code", WAIT, () -> cluster.exitCode(STOPPED),
            Optional::isPresent).orElseThrow();
        assertEquals(0, code, "exit code after SIGTERM\n" + cluster.log(STOPPED));
        assertTrue(exitMillis < SHUTDOWN_TIMEOUT, "shutdown took " + exitMillis + " ms");
        assertTrue(cluster.log(STOPPED).contains("Distro left 2 peer(s); goodbye acknowledged"),
            cluster.log(STOPPED));

        for (int i = 2; i <= 3; i++) {
          awaitServers(cluster, i, 2);
          assertTrue(cluster.log(i).contains(cluster.nodeId(STOPPED) + " said goodbye"), cluster.log(i));
        }
        // Several delete timeouts: an instance whose owner moved and whose grace was not renewed would be gone.
        Await.during("the survivors keep every instance", Duration.ofMillis(3 * DELETE_TIMEOUT), () -> {
          for (int i = 2; i <= 3; i++) {
            List<String> missing = missing(cluster, i, services);
            assertTrue(missing.isEmpty(), "node" + i + " lost " + missing + " after node" + STOPPED + " stopped");
          }
          assertTrue(beatFailures.isEmpty(), "beats failed: " + beatFailures);
          return true;
        });
      } finally {
        beating.set(false);
        clients.join();
      }
      assertTrue(beatFailures.isEmpty(), "beats failed: " + beatFailures);
    }
  }

  /** The clients: a light beat per instance every ~300 ms, to the first node (in a rotating order) that answers. */
  private void beatUntilStopped(LocalCluster cluster, List<String> services, AtomicBoolean beating) {
    int round = 0;
    while (beating.get()) {
      for (int n = 0; n < services.size(); n++) {
        beat(cluster, services.get(n), "127.0.0." + (n + 1), round + n);
      }
      round++;
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void beat(LocalCluster cluster, String service, String ip, int rotation) {
    for (int k = 0; k < 3; k++) {
      int node = 1 + (rotation + k) % 3;
      if (down.contains(node)) {
        continue;
      }
      NacosHttp.Response r;
      try {
        r = NacosHttp.call(cluster.httpPort(node), HttpMethod.PUT, "/v1/ns/instance/beat",
            Map.of("serviceName", service, "ip", ip, "port", 8080));
      } catch (RuntimeException e) {
        continue; // refused: the client library would try the next server
      }
      if (r.status() == 503) {
        continue; // shutting down
      }
      if (r.status() != 200 || !Integer.valueOf(10200).equals(r.json().getInteger("code"))) {
        beatFailures.add(service + " at node" + node + ": " + r.status() + " " + r.body());
      }
      return;
    }
    beatFailures.add(service + ": no node answered");
  }

  private static void awaitServers(LocalCluster cluster, int node, int count) {
    Await.until("node" + node + " lists " + count + " servers", START, () -> NacosHttp.get(cluster.httpPort(node),
        "/v1/ns/operator/servers", Map.of()).json().getJsonArray("servers").size() == count);
  }

  private static void awaitAllListed(LocalCluster cluster, int node, List<String> services) {
    Await.until("node" + node + " lists all " + services.size() + " instances", START,
        () -> missing(cluster, node, services).isEmpty());
  }

  private static List<String> missing(LocalCluster cluster, int node, List<String> services) {
    List<String> missing = new ArrayList<>();
    for (String s : services) {
      NacosHttp.Response r = NacosHttp.get(cluster.httpPort(node), "/v1/ns/instance/list", Map.of("serviceName", s));
      if (r.status() != 200 || r.json().getJsonArray("hosts").size() != 1) {
        missing.add(s + " (" + r.status() + ")");
      }
    }
    return missing;
  }
}
