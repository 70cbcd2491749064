package dev.beacon.console;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.support.Await;
import dev.beacon.support.Browser;
import dev.beacon.support.NacosClients;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web console in headless Chromium against one real node (auth off), with changes made through the real
 * nacos-client and checked with it: the live service list, namespaces, the service page's edits, a health change
 * arriving live, the cluster page, the dropped-connection banner. Screenshots go to target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  /** A change shows in an open page within this, without a reload (the feed flushes every 200 ms). */
  static final Duration LIVE = Duration.ofSeconds(3);

  private static BeaconConfig config;
  private static Beacon beacon;
  private static NacosHttp http;
  private static NamingService naming;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeInstalled();
    config = TestNodes.standaloneConfig(Map.of());
    beacon = TestNodes.start(config);
    http = new NacosHttp(config.port());
    naming = NacosClients.naming(config.port());
    browser = Browser.open(config.port());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    NacosClients.shutDownInBackground(naming);
    if (http != null) {
      http.close();
    }
    TestNodes.stop(beacon);
  }

  @Test
  @Order(1)
  void theLandingPageIsTheServiceListOfPublicAndFollowsRegistrationsLive() throws Exception {
    browser.go("/");
    assertTrue(browser.driver().getCurrentUrl().endsWith("/nacos/"), browser.driver().getCurrentUrl());
    browser.find("[data-test=service-list] table");
    browser.mark();
    String svc = Names.unique("orders");
    naming.registerInstance(svc, "127.0.0.11", 8080);
    naming.registerInstance(svc, "127.0.0.12", 8080);
    Await.until("the new service listed with 2 instances", LIVE,
        () -> browser.text(row(svc) + " [data-test=ip-count]").equals("2"));
    assertEquals("2", browser.text(row(svc) + " [data-test=healthy-count]"));
    browser.type("input[name=name]", svc);
    browser.click("[data-test=search]");
    Await.until("only the searched service", WAIT,
        () -> browser.all("[data-test=service-list] tbody tr").size() == 1 && !browser.all(row(svc)).isEmpty());
    assertTrue(browser.notReloaded(), "the page updated without reloading");
    browser.route("#/services");
    browser.find(row(svc));
    browser.screenshot("services");
  }

  @Test
  @Order(2)
  void namespacesAreCreatedEditedAndDeletedAndANonEmptyOneIsRefused() throws Exception {
    browser.route("#/namespaces");
    browser.find("[data-test=namespace-list] table");
    browser.script("window.confirm = () => true");
    browser.type("[data-test=namespace-form] input[name=customNamespaceId]", "has space");
    browser.type("[data-test=namespace-form] input[name=namespaceName]", "Bad");
    browser.click("[data-test=create-namespace]");
    browser.awaitText("[data-test=namespace-form] [data-error=customNamespaceId]", "mismatch the pattern");

    String team = Names.unique("team");
    browser.type("[data-test=namespace-form] input[name=customNamespaceId]", team);
    browser.type("[data-test=namespace-form] input[name=namespaceName]", "Team A");
    browser.click("[data-test=create-namespace]");
    browser.awaitText(nsRow(team), "Team A");

    Properties props = NacosClients.properties(config.port());
    props.setProperty(PropertyKeyConst.NAMESPACE, team);
    NamingService inTeam = NacosFactory.createNamingService(props);
    try {
      inTeam.registerInstance(Names.unique("billing"), "127.0.0.13", 9090);
      Await.until("the namespace counts its service and instance", LIVE,
          () -> browser.text(nsRow(team) + " [data-test=service-count]").equals("1")
              && browser.text(nsRow(team) + " [data-test=instance-count]").equals("1"));
      browser.click(nsRow(team) + " [data-test=delete]");
      browser.awaitText(nsRow(team) + " [data-error=form]", "is not empty");

      browser.click(nsRow(team) + " [data-test=edit]");
      browser.type("[data-test=edit-name]", "Team B");
      browser.click("[data-test=save-namespace]");
      browser.awaitText(nsRow(team), "Team B");
      assertEquals("Team B", http.get("/v1/console/namespaces", "show", "all", "namespaceId", team).json()
          .getString("namespaceShowName"));

      String scratch = Names.unique("scratch");
      browser.type("[data-test=namespace-form] input[name=customNamespaceId]", scratch);
      browser.type("[data-test=namespace-form] input[name=namespaceName]", "Scratch");
      browser.click("[data-test=create-namespace]");
      browser.find(nsRow(scratch));
      browser.screenshot("namespaces");
      browser.click(nsRow(scratch) + " [data-test=delete]");
      Await.until("the empty namespace is gone", WAIT, () -> browser.all(nsRow(scratch)).isEmpty());
      assertEquals(404, http.get("/v1/console/namespaces", "show", "all", "namespaceId", scratch).status());
    } finally {
      NacosClients.shutDownInBackground(inTeam);
    }
  }

  @Test
  @Order(3)
  void theServicePageEditsWeightAndEnabledThroughTheApiAndShowsHealthChangesLive() throws Exception {
    String svc = Names.unique("payments");
    naming.registerInstance(svc, "127.0.0.21", 8080);
    naming.registerInstance(svc, "127.0.0.22", 8080);
    browser.route("#/service?ns=public&group=DEFAULT_GROUP&name=" + svc);
    browser.find(instance("127.0.0.21") + " [data-test=weight]");
    browser.find(instance("127.0.0.22"));
    browser.awaitText("[data-test=service-detail]", "Protect threshold\n0");
    browser.awaitText("[data-test=service-detail]", "2 (2 healthy)");
    browser.mark();

    naming.registerInstance(svc, "127.0.0.23", 8080);
    Await.until("an instance registered while the page is open", LIVE,
        () -> !browser.all(instance("127.0.0.23")).isEmpty());

    browser.type(instance("127.0.0.21") + " [data-test=weight]", "3.5");
    browser.click(instance("127.0.0.21") + " [data-test=save-weight]");
    Await.until("nacos-client sees weight 3.5", WAIT, () -> weightOf(svc, "127.0.0.21") == 3.5);

    browser.type(instance("127.0.0.21") + " [data-test=weight]", "-1");
    browser.click(instance("127.0.0.21") + " [data-test=save-weight]");
    browser.awaitText(instance("127.0.0.21") + " [data-error=weight]", "The weights range from 0.0 to 10000.0");
    assertEquals(3.5, weightOf(svc, "127.0.0.21"), "the refused weight changed nothing");

    browser.type(instance("127.0.0.23") + " [data-test=metadata]", "{\"zone\":\"b\"}");
    browser.click(instance("127.0.0.23") + " [data-test=save-metadata]");
    Await.until("nacos-client sees the new metadata", WAIT, () -> "b".equals(metadataOf(svc, "127.0.0.23")));
    browser.type(instance("127.0.0.23") + " [data-test=metadata]", "{bad");
    browser.click(instance("127.0.0.23") + " [data-test=save-metadata]");
    browser.awaitText(instance("127.0.0.23") + " [data-error=metadata]", "metadata format incorrect");

    browser.click(instance("127.0.0.22") + " [data-test=offline]");
    Await.until("nacos-client no longer gets the offline instance", WAIT,
        () -> ips(svc).equals(List.of("127.0.0.21", "127.0.0.23")));
    browser.awaitText(instance("127.0.0.22") + " [data-test=enabled]", "no");
    browser.click(instance("127.0.0.22") + " [data-test=online]");
    Await.until("nacos-client gets it again", WAIT,
        () -> ips(svc).equals(List.of("127.0.0.21", "127.0.0.22", "127.0.0.23")));

    // Registered without beats and with a 1 s beat timeout: the server marks it unhealthy by itself.
    http.register(svc, "127.0.0.24", 8080, "metadata",
        "{\"preserved.heart.beat.timeout\":\"1000\",\"preserved.ip.delete.timeout\":\"60000\"}");
    browser.awaitText(instance("127.0.0.24") + " [data-test=healthy]", "yes");
    Await.until("the health change arrives live", Duration.ofSeconds(6),
        () -> browser.text(instance("127.0.0.24") + " [data-test=healthy]").equals("no"));
    assertTrue(browser.notReloaded(), "the page updated without reloading");
    browser.screenshot("service");
  }

  @Test
  @Order(4)
  void theClusterPageShowsTheNodeItsLeaderAndCounters() {
    browser.route("#/cluster");
    String node = "127.0.0.1:" + config.port();
    browser.awaitText("[data-test=cluster-nodes]", node);
    browser.awaitText("[data-test=cluster-nodes]", "UP");
    browser.awaitText("[data-test=cluster-nodes]", node + " (itself)");
    browser.screenshot("cluster");
  }

  @Test
  @Order(6)
  void theConsoleLeavesTheApiPathsAlone() throws Exception {
    HttpResponse<String> root = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.port() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(302, root.statusCode());
    assertEquals("/nacos/", root.headers().firstValue("location").orElse(null));
    assertEquals(404, http.get("/v1/ns/no-such-thing").status());
    assertTrue(http.get("/v1/ns/no-such-thing").body().startsWith("caused: no such api:"));
    assertEquals(405, http.get("/v1/ns/instance/beat").status());
    NacosHttp.Response index = http.raw(HttpMethod.GET, "/nacos/", null, null);
    assertEquals(200, index.status());
    assertTrue(index.body().contains("js/app.js"));
    HttpResponse<String> script = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.port() + "/nacos/js/app.js")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(script.headers().firstValue("cache-control").orElse("").contains("max-age=60"), script.headers().toString());
    assertTrue(script.headers().firstValue("last-modified").isPresent());
    assertEquals(400, http.get("/v1/console/changes", "namespaceId", "bad namespace!").status());
  }

  /**
   * 1,000 services with 10 instances each in a namespace of their own: the list pages on the server, so the page
   * renders at once, pages through, searches, and still follows a change live.
   */
  @Test
  @Order(5)
  void aThousandServicesAndTenThousandInstancesArePagedOnTheServer() {
    String ns = Names.unique("scale");
    String keep = "{\"preserved.heart.beat.timeout\":\"600000\",\"preserved.ip.delete.timeout\":\"600000\"}";
    List<Future<NacosHttp.Response>> batch = new ArrayList<>();
    try (NacosHttp burst = new NacosHttp(config.port(), 16)) {
      for (int s = 0; s < 1000; s++) {
        for (int i = 0; i < 10; i++) {
          batch.add(burst.sendAsync(HttpMethod.POST, "/v1/ns/instance", "namespaceId", ns,
              "serviceName", String.format("svc-%04d", s), "ip", "127.0.1." + (i + 1), "port", "8080", "metadata", keep));
        }
        if (batch.size() >= 500) {
          awaitAll(batch);
        }
      }
      awaitAll(batch);
    }
    long start = System.nanoTime();
    browser.route("#/services?ns=" + ns);
    browser.awaitText("[data-test=page]", "page 1 of 50 (1000)");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 3000, "first page of 1,000 services took " + millis + " ms");
    assertEquals(20, browser.all("[data-test=service-list] tbody tr").size());
    assertEquals("10", browser.text(row("svc-0000") + " [data-test=ip-count]"));
    browser.click("[data-test=next]");
    browser.awaitText("[data-test=page]", "page 2 of 50");
    browser.find(row("svc-0020"));
    browser.mark();
    http.register("svc-0021", "127.0.1.11", 8080, "namespaceId", ns, "metadata", keep);
    Await.until("the change on page 2 shows live", LIVE,
        () -> browser.text(row("svc-0021") + " [data-test=ip-count]").equals("11"));
    assertTrue(browser.notReloaded());
    browser.route("#/services?ns=" + ns + "&name=svc-09");
    browser.awaitText("[data-test=page]", "page 1 of 5 (100)");
  }

  private static void awaitAll(List<Future<NacosHttp.Response>> batch) {
    for (Future<NacosHttp.Response> f : batch) {
      try {
        NacosHttp.Response r = f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.body());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    batch.clear();
  }

  /** Last: the node goes away under the open page (banner), comes back (banner gone, live again). */
  @Test
  @Order(7)
  void aDroppedLiveConnectionShowsABannerAndReconnects() throws Exception {
    browser.route("#/services");
    browser.find("[data-test=service-list] table");
    Await.until("connected", WAIT, () -> "connected".equals(browser.script("return document.body.dataset.live")));
    TestNodes.stop(beacon);
    Await.until("the banner shows", WAIT, () -> browser.find("#banner").isDisplayed());
    browser.screenshot("disconnected");
    beacon = TestNodes.start(config);
    Await.until("the banner goes", Duration.ofSeconds(15), () -> !browser.find("#banner").isDisplayed());
    String svc = Names.unique("after-restart");
    http.register(svc, "127.0.0.31", 8080);
    Await.until("live again after the reconnect", LIVE, () -> !browser.all(row(svc)).isEmpty());
  }

  /** The row of a service of group DEFAULT_GROUP in the service list. */
  static String row(String service) {
    return "[data-test=service-list] tr[data-key=\"DEFAULT_GROUP@@" + service + "\"]";
  }

  private static String nsRow(String id) {
    return "[data-test=namespace-list] tr[data-key=\"" + id + "\"]";
  }

  private static String instance(String ip) {
    return "[data-test=clusters] tr[data-key=\"" + ip + ":8080\"]";
  }

  private static double weightOf(String svc, String ip) {
    return instanceOf(svc, ip).map(Instance::getWeight).orElse(-1.0);
  }

  private static String metadataOf(String svc, String ip) {
    return instanceOf(svc, ip).map(i -> i.getMetadata().get("zone")).orElse(null);
  }

  /** The instance as nacos-client gets it from the server (not from its cache). */
  private static Optional<Instance> instanceOf(String svc, String ip) {
    try {
      return naming.getAllInstances(svc, false).stream().filter(i -> i.getIp().equals(ip)).findFirst();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> ips(String svc) {
    try {
      return naming.getAllInstances(svc, false).stream().map(Instance::getIp).sorted().toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
