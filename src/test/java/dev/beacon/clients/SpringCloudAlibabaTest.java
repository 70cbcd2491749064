package dev.beacon.clients;

import static dev.beacon.support.Await.START;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two Spring Cloud Alibaba applications ({@code sca/ScaApp.java}, unchanged user code run from source in JVMs of their
 * own) per release line: 2021.1 on Spring Boot 2.4 (nacos-client 1.4.1, HTTP) and 2023.0.3.2 on Spring Boot 3.2
 * (nacos-client 2.x, gRPC). Each registers itself on start, discovers the other through Spring's DiscoveryClient, and
 * is gone from Beacon as soon as it shuts down (SIGTERM), long before the delete timeout.
 */
class SpringCloudAlibabaTest {

  static final Duration START = Duration.ofSeconds(90);
  static ApiNode api;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.DELETE_TIMEOUT, 600_000, Setting.BEAT_TIMEOUT, 300_000));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @ParameterizedTest(name = "Spring Cloud Alibaba {0} on Spring Boot {1}")
  @CsvSource({"2021.1, 2.4.13, 2.11.4", "2023.0.3.2, 3.2.12, 2.15.4"})
  void appsRegisterDiscoverEachOtherAndDeregisterOnShutdown(String sca, String boot, String jackson) throws Exception {
    // Jackson as Spring Boot's dependency management pins it in a real build (nacos-client 2.x would win otherwise).
    String classpath = ClientJars.classpath(ClientJars.resolve("com.alibaba.cloud:spring-cloud-starter-alibaba-nacos-discovery:" + sca,
            "org.springframework.boot:spring-boot-starter-web:" + boot,
            "com.fasterxml.jackson.core:jackson-databind:" + jackson));
    String a = Names.unique("sca-a");
    String b = Names.unique("sca-b");
    int portA = TestNodes.freePort();
    int portB = TestNodes.freePort();
    Process appA = app(classpath, a, portA, "a");
    Process appB = app(classpath, b, portB, "b");
    try (NacosHttp http = new NacosHttp(api.config().port()); NacosHttp onA = new NacosHttp(portA)) {
      Await.until(a + " and " + b + " registered", START,
          () -> registered(http, a, portA) && registered(http, b, portB));
      Await.until(a + " discovers " + b, START,
          () -> peers(onA, b).equals("127.0.0.1:" + portB));
      appB.destroy(); // SIGTERM: Spring closes the context, the registration goes with it
      assertTrue(appB.waitFor(60, TimeUnit.SECONDS), "b stopped");
      Await.until(b + " deregistered on shutdown", START, () -> http.list(b).hosts().isEmpty());
      Await.until(a + " no longer discovers " + b, START,
          () -> peers(onA, b).isEmpty());
    } finally {
      appA.destroyForcibly();
      appB.destroyForcibly();
    }
  }

  private static String peers(NacosHttp app, String name) {
    NacosHttp.Response r = app.raw(HttpMethod.GET, "/peers/" + name, null, null);
    return r.status() == 200 ? r.body() : "answered " + r.status() + ": " + r.body();
  }

  private static boolean registered(NacosHttp http, String service, int port) {
    return http.list(service).hosts().stream().map(h -> (JsonObject) h)
        .anyMatch(h -> h.getInteger("port") == port && h.getString("ip").equals("127.0.0.1"));
  }

  private static Process app(String classpath, String name, int port, String tag) throws Exception {
    Path source = Path.of("target", "test-classes", "sca", "ScaApp.java").toAbsolutePath();
    Path log = Files.createTempFile("sca-" + tag, ".log");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Duser.home=" + Files.createTempDirectory("sca-home"), "-cp", classpath, source.toString(),
        "--server.port=" + port, "--server.address=127.0.0.1", "--spring.application.name=" + name,
        "--spring.cloud.nacos.discovery.server-addr=127.0.0.1:" + api.config().port(),
        "--spring.cloud.nacos.discovery.ip=127.0.0.1");
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
