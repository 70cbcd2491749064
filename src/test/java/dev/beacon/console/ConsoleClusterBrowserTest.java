package dev.beacon.console;

import static dev.beacon.support.Await.WAIT;

import com.alibaba.nacos.api.naming.NamingService;
import dev.beacon.support.Await;
import dev.beacon.support.Browser;
import dev.beacon.support.NacosClients;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestCluster;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console of one node of a three-node cluster with one Raft group (as docker-compose runs it): a registration
 * made through another node shows in its service list live (Distro brought it here), a namespace created in it exists
 * on every node (Raft), and its cluster page lists all three nodes with their own status and the one leader.
 */
class ConsoleClusterBrowserTest {

  private static TestCluster cluster;
  private static Browser browser;

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    cluster = new TestCluster(3, Map.of(), true);
    browser = Browser.open(cluster.config(0).port());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRegistrationThroughAnotherNodeShowsLiveAndTheClusterPageListsEveryNode() throws Exception {
    browser.go("/nacos/");
    browser.find("[data-test=service-list] table");
    browser.mark();
    NamingService naming = NacosClients.naming(cluster.config(2).port());
    try {
      String svc = Names.unique("spread");
      naming.registerInstance(svc, "127.0.0.51", 8080);
      Await.until("node 1's page shows the service registered at node 3", ConsoleBrowserTest.LIVE,
          () -> browser.text(ConsoleBrowserTest.row(svc) + " [data-test=ip-count]")
              .equals("1"));
      Await.until("still the same document", WAIT, browser::notReloaded);
      browser.screenshot("cluster-services");
    } finally {
      NacosClients.shutDownInBackground(naming);
    }
    String ns = Names.unique("shared");
    browser.route("#/namespaces");
    browser.type("[data-test=namespace-form] input[name=customNamespaceId]", ns);
    browser.type("[data-test=namespace-form] input[name=namespaceName]", "Shared");
    browser.click("[data-test=create-namespace]");
    browser.find("[data-test=namespace-list] tr[data-key=\"" + ns + "\"]");
    for (int i = 1; i < 3; i++) {
      int port = cluster.config(i).port();
      Await.until("node " + (i + 1) + " has the namespace", WAIT, () -> NacosHttp.get(port,
          "/v1/console/namespaces", Map.of("show", "all", "namespaceId", ns)).status() == 200);
    }

    browser.route("#/cluster");
    for (int i = 0; i < 3; i++) {
      browser.awaitText("[data-test=cluster-nodes]", "127.0.0.1:" + cluster.config(i).port());
    }
    Await.until("every node answers with its own status", WAIT,
        () -> browser.text("[data-test=cluster-nodes]").split("UP", -1).length - 1 == 3);
    String leader = cluster.node(0).node().raft().leaderId().orElseThrow();
    Await.until("every node names the one leader " + leader, WAIT,
        () -> browser.text("[data-test=cluster-nodes]").split(leader, -1).length - 1 >= 4);
    browser.screenshot("cluster-3-nodes");
  }
}
