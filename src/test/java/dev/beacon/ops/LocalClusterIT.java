package dev.beacon.ops;

import static dev.beacon.support.Await.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.Await;
import dev.beacon.support.LocalCluster;
import dev.beacon.support.NacosHttp;
import io.vertx.core.http.HttpMethod;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator's paths: {@code scripts/local-cluster.sh} brings up the compose file's three nodes as JVMs that agree
 * on membership and share registrations, and takes them down cleanly; the compose file itself is valid.
 */
@Tag("process")
class LocalClusterIT {

  private static final Path ROOT = Path.of(System.getProperty("user.dir"));

  @Test
  void scriptRunsAClusterThatAgreesAndStopsCleanly() {
    assertTrue(new File(System.getProperty("beacon.jar", "target/beacon.jar")).isFile(), "built jar");
    try (LocalCluster cluster = new LocalCluster(Map.of("BEACON_CLUSTER_JOIN_WAIT", "0",
        "BEACON_CLUSTER_HEARTBEAT", "1", "BEACON_DISTRO_HELLO_PERIOD", "200", "BEACON_HTTP_VERTICLES", "1"))) {
      LocalCluster.Result start = cluster.script("start");
      assertEquals(0, start.exitCode(), start.output());
      String all = IntStream.rangeClosed(1, 3).mapToObj(cluster::nodeId).collect(Collectors.joining(","));
      for (int i = 1; i <= 3; i++) {
        int port = cluster.httpPort(i);
        Await.until("node" + i + " lists 3 servers", START, () ->
            NacosHttp.get(port, "/v1/ns/operator/servers", Map.of()).json().getJsonArray("servers").size() == 3);
      }
      LocalCluster.Result status = cluster.script("status");
      for (int i = 1; i <= 3; i++) {
        String line = "node" + i + " " + cluster.nodeId(i) + " ready servers=[" + all + "]";
        assertTrue(status.output().contains(line), "status lacks '" + line + "':\n" + status.output());
      }

      String prefix = "lc-" + UUID.randomUUID();
      for (int i = 1; i <= 3; i++) {
        NacosHttp.Response r = NacosHttp.call(cluster.httpPort(i), HttpMethod.POST, "/v1/ns/instance",
            Map.of("serviceName", prefix + "-" + i, "ip", "127.0.0.1", "port", 9000 + i));
        assertEquals(200, r.status(), r.body());
      }
      for (int from = 1; from <= 3; from++) {
        for (int at = 1; at <= 3; at++) {
          String service = prefix + "-" + from;
          int port = cluster.httpPort(at);
          Await.until("node" + at + " lists " + service, START, () -> {
            NacosHttp.Response list = NacosHttp.get(port, "/v1/ns/instance/list", Map.of("serviceName", service));
            return list.status() == 200 && list.json().getJsonArray("hosts").size() == 1;
          });
        }
      }

      List<ProcessHandle> jvms = IntStream.rangeClosed(1, 3).mapToObj(cluster::process)
          .map(Optional::orElseThrow).toList();
      LocalCluster.Result stop = cluster.script("stop");
      assertEquals(0, stop.exitCode(), stop.output());
      for (int i = 1; i <= 3; i++) {
        assertTrue(stop.output().contains("node" + i + " stopped (exit 0)"), stop.output());
        assertTrue(cluster.log(i).contains("Beacon " + cluster.nodeId(i) + " stopped"), cluster.log(i));
      }
      jvms.forEach(jvm -> assertTrue(!jvm.isAlive(), "pid " + jvm.pid() + " still running after stop"));
    }
  }

  @Test
  void composeFileIsValid() throws Exception {
    List<String> compose = composeClient();
    Assumptions.assumeTrue(compose != null, "no docker compose client on this machine");
    List<String> command = new ArrayList<>(compose);
    command.addAll(List.of("-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q"));
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker compose config hung");
    assertEquals(0, p.exitValue(), out);
  }

  /** {@code docker compose} (plugin) or {@code docker-compose} (standalone), whichever answers; null if neither. */
  private static List<String> composeClient() {
    for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      List<String> version = new ArrayList<>(candidate);
      version.add("version");
      try {
        Process p = new ProcessBuilder(version).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }
}
