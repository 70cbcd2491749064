package dev.beacon.clients;

import static dev.beacon.support.Await.WAIT;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.support.AgentProcess;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestNodes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server restarted under a connected nacos-client 2.5.1, with nothing kept: the client reconnects, redoes its
 * registration and its subscription, and its listener hears of changes again.
 */
class GrpcRedoTest {

  @Test
  void aRestartedServerGetsTheRegistrationsAndSubscriptionsBack() throws Exception {
    BeaconConfig config = TestNodes.standaloneConfig(Map.of());
    Beacon node = TestNodes.start(config);
    String svc = Names.unique("grpc-redo");
    try (AgentProcess c = ClientAgents.start("2.5.1", "127.0.0.1:" + config.port());
         NacosHttp http = new NacosHttp(config.port())) {
      c.call("register " + svc + " 127.0.0.95:1");
      c.call("subscribe " + svc);
      Await.until("registered", WAIT, () -> http.list(svc).hosts().size() == 1);
      TestNodes.stop(node);
      node = null;
      node = TestNodes.start(TestNodes.standaloneConfig(Map.of(Setting.PORT, config.port(),
          Setting.RAFT_PORT, config.get(Setting.RAFT_PORT))));
      Await.until("the registration redone on the new server", WAIT,
          () -> http.list(svc).hosts().size() == 1);
      http.register(svc, "127.0.0.96", 1);
      Await.until("the redone subscription is pushed", WAIT,
          () -> c.call("events " + svc).matches("\\d+ 127\\.0\\.0\\.95:1/.*;127\\.0\\.0\\.96:1/.*"));
    } finally {
      TestNodes.stop(node);
    }
  }
}
