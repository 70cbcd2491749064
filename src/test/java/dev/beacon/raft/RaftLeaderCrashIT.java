package dev.beacon.raft;

import static dev.beacon.support.Await.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.Await;
import dev.beacon.support.LocalCluster;
import dev.beacon.support.NacosHttp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Raft leader's JVM is killed without any goodbye ({@code kill -9}), in the three-process cluster the compose
 * file describes: the survivors elect a new leader, persistent writes through either of them succeed again, and what
 * was committed before the crash is still served.
 */
@Tag("process")
class RaftLeaderCrashIT {


  @Test
  void persistentWritesContinueAfterTheLeaderIsKilled() throws Exception {
    try (LocalCluster cluster = new LocalCluster(Map.of("BEACON_CLUSTER_JOIN_WAIT", "0",
        "BEACON_CLUSTER_HEARTBEAT", "1", "BEACON_DISTRO_HELLO_PERIOD", "200", "BEACON_HTTP_VERTICLES", "1",
        "BEACON_RAFT_REQUEST_TIMEOUT", "2000"))) {
      LocalCluster.Result start = cluster.script("start");
      assertEquals(0, start.exitCode(), start.output());
      int leader = Await.value("a Raft leader", START, () -> leaderIndex(cluster, 1), i -> i > 0);
      int follower = leader % 3 + 1;
      int other = follower % 3 + 1;
      String service = "crash-" + UUID.randomUUID();

      // The follower's Raft client may still be finding the leader the node just reported: retry (idempotent).
      Await.until("a persistent write through a follower succeeds", START,
          () -> persistentRegister(cluster, follower, service, 1).status() == 200);
      for (int i = 1; i <= 3; i++) {
        int node = i;
        Await.until("node " + i + " lists the committed instance", START, () -> hosts(cluster, node, service) == 1);
      }

      ProcessHandle leaderJvm = cluster.process(leader).orElseThrow();
      assertTrue(leaderJvm.destroyForcibly(), "kill -9 of the leader");
      leaderJvm.onExit().get(30, TimeUnit.SECONDS);
      int newLeader = Await.value("a new Raft leader among the survivors", START,
          () -> leaderIndex(cluster, follower), i -> i > 0 && i != leader);
      assertNotEquals(leader, newLeader);
      Await.until("a persistent write through a survivor succeeds", START,
          () -> persistentRegister(cluster, other, service, 2).status() == 200);
      assertEquals(200, persistentRegister(cluster, follower, service, 3).status());
      for (int node : new int[] {follower, other}) {
        Await.until("node " + node + " lists all three", START, () -> hosts(cluster, node, service) == 3);
      }
      assertTrue(cluster.process(leader).isEmpty(), "the killed leader stays down");
    }
  }

  private static NacosHttp.Response persistentRegister(LocalCluster cluster, int node, String service, int n) {
    return NacosHttp.call(cluster.httpPort(node), HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service, "ip", "127.0.0." + n, "port", 9000 + n, "ephemeral", "false"));
  }

  private static int hosts(LocalCluster cluster, int node, String service) {
    NacosHttp.Response r = NacosHttp.get(cluster.httpPort(node), "/v1/ns/instance/list",
        Map.of("serviceName", service));
    return r.status() == 200 ? r.json().getJsonArray("hosts").size() : -1;
  }

  /** The index (1..3) of the node that {@code asked} sees as Raft leader, or -1 when it sees none. */
  private static int leaderIndex(LocalCluster cluster, int asked) {
    NacosHttp.Response r = NacosHttp.get(cluster.httpPort(asked), "/v1/ns/raft/leader", Map.of());
    if (r.status() != 200 || r.json().getString("leader") == null) {
      return -1;
    }
    String id = new JsonObject(r.json().getString("leader")).getString("ip");
    for (int i = 1; i <= 3; i++) {
      if (cluster.nodeId(i).equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
