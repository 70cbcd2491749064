package dev.beacon.clients;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import dev.beacon.config.Setting;
import dev.beacon.support.AgentProcess;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.Names;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nacos-client 2.x over gRPC against one standalone node, each client an application in a JVM of its own
 * ({@link ClientAgents}): the spec's conformance list for register, query, subscribe, batch, service list, connection
 * loss, persistent instances (over HTTP) and interplay with the 1.x HTTP API.
 */
class GrpcClientTest {

  static ApiNode api;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.BEAT_INTERVAL, 500, Setting.BEAT_TIMEOUT, 1500, Setting.DELETE_TIMEOUT, 3000,
        Setting.EXPIRY_CHECK_PERIOD, 200));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static String server() {
    return "127.0.0.1:" + api.config().port();
  }

  static String id(String ip, int port, String service) {
    return ip + "#" + port + "#DEFAULT#DEFAULT_GROUP@@" + service;
  }

  @ParameterizedTest(name = "nacos-client {0}")
  @ValueSource(strings = {"2.5.1", "2.2.4"})
  void registerQuerySubscribeAndLoseTheConnection(String version) throws Exception {
    String svc = Names.unique("grpc");
    try (AgentProcess a = ClientAgents.start(version, server()); AgentProcess b = ClientAgents.start(version, server())) {
      assertEquals("UP", a.call("status"));
      a.call("register " + svc + " 127.0.0.21:8080 DEFAULT ephemeral color=red");
      String first = "127.0.0.21:8080/DEFAULT/true/true/1.0/true/" + id("127.0.0.21", 8080, svc) + "/DEFAULT_GROUP@@"
          + svc + "/{color=red}";
      Await.until("b queries a's instance", WAIT, () -> b.call("all " + svc + " false").equals(first));
      assertEquals(first, b.call("all " + svc + " true"), "through a subscription");
      b.call("subscribe " + svc);
      if (version.startsWith("2.5")) {
        // Before 2.4 a new listener hears only of changes after it (this client's cache already holds the list).
        Await.until("b's listener told the current list", WAIT, () -> b.call("events " + svc).endsWith(first));
      }

      b.call("register " + svc + " 127.0.0.22:8080");
      Await.until("b's listener told of b's instance", Duration.ofSeconds(2),
          () -> b.call("events " + svc).split(" ", 2)[1].split(";").length == 2);
      assertEquals(2, api.http().list(svc).hosts().size(), "the v1 HTTP API lists what gRPC clients registered");
      assertEquals(2, b.call("select " + svc + " true").split(";").length);
      assertEquals("", b.call("select " + svc + " false"));
      assertTrue(b.call("one " + svc).matches("127\\.0\\.0\\.2[12]:8080"));

      a.call("register " + svc + " 127.0.0.21:8081");
      Await.until("a re-registering replaces its instance", WAIT,
          () -> b.call("all " + svc + " false").matches("127\\.0\\.0\\.21:8081/.*;127\\.0\\.0\\.22:8080/.*"));
      b.call("deregister " + svc + " 127.0.0.22:8080");
      Await.until("deregistered", WAIT, () -> b.call("events " + svc).matches("\\d+ 127\\.0\\.0\\.21:8081/.*"));

      a.kill();
      Await.until("a killed client's instance is gone and subscribers are told", WAIT,
          () -> b.call("events " + svc).matches("\\d+ ") && api.http().list(svc).hosts().isEmpty());
    }
  }

  @Test
  void clustersBatchesAndTheServiceList() throws Exception {
    String clustered = Names.unique("grpc-clusters");
    String batched = Names.unique("grpc-batch");
    try (AgentProcess a = ClientAgents.start("2.5.1", server()); AgentProcess b = ClientAgents.start("2.5.1", server())) {
      a.call("register " + clustered + " 127.0.0.31:1 A");
      b.call("register " + clustered + " 127.0.0.32:1 B");
      Await.until("both clusters", WAIT, () -> a.call("all " + clustered + " false").split(";").length == 2);
      assertTrue(a.call("all " + clustered + " false A").matches("127\\.0\\.0\\.31:1/A/[^;]*"));

      a.call("batch " + batched + " 127.0.0.41:1,127.0.0.42:1,127.0.0.43:1");
      Await.until("a batch of three", WAIT, () -> b.call("all " + batched + " false").split(";").length == 3);
      a.call("batchdel " + batched + " 127.0.0.42:1");
      Await.until("a batch deregister leaves two", WAIT,
          () -> b.call("all " + batched + " false").matches("127\\.0\\.0\\.41:1/.*;127\\.0\\.0\\.43:1/.*"));

      String[] page = a.call("services 1 10000").split(" ", 2);
      assertTrue(page[1].contains(clustered) && page[1].contains(batched), page[1]);
      assertTrue(!page[1].contains("@@"), "bare names: " + page[1]);
      assertEquals(page[0], a.call("services 10000 10").trim(), "a page past the end: the count and no names");
    }
  }

  @Test
  void persistentInstancesGoOverHttpAndOutliveTheConnection() throws Exception {
    String svc = Names.unique("grpc-persistent");
    try (AgentProcess a = ClientAgents.start("2.5.1", server())) {
      a.call("register " + svc + " 127.0.0.61:1 DEFAULT persistent");
      Await.until("listed as persistent", WAIT, () -> api.http().list(svc).body().contains("\"ephemeral\":false"));
      a.call("quit");
    }
    Await.holds("the persistent instance stays after its client left", Duration.ofSeconds(2),
        () -> api.http().list(svc).hosts().size() == 1);
  }

  @Test
  void aHttpClientAndAGrpcClientSeeEachOther() throws Exception {
    String svc = Names.unique("grpc-mixed");
    NamingService v1 = NacosClients.naming(api.config().port());
    try (AgentProcess v2 = ClientAgents.start("2.5.1", server())) {
      v1.registerInstance(svc, "127.0.0.71", 1);
      v2.call("register " + svc + " 127.0.0.72:1");
      Await.until("the 2.x client sees both", WAIT, () -> v2.call("all " + svc + " false").split(";").length == 2);
      Await.until("the 1.4.8 client sees both", WAIT, () -> count(v1, svc) == 2);
    } finally {
      NacosClients.shutDownInBackground(v1);
    }
  }

  private static int count(NamingService naming, String svc) {
    try {
      return naming.getAllInstances(svc, false).size();
    } catch (NacosException e) {
      return -1;
    }
  }
}
