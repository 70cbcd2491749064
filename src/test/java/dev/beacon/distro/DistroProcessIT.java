package dev.beacon.distro;

import static dev.beacon.support.Await.START;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three separate {@code java -jar beacon.jar} processes clustered the way a user does it: the repo's cluster.xml in
 * the working directory, everything else from BEACON_* environment variables.
 */
@Tag("process")
class DistroProcessIT {

  @Test
  void threeProcessesShareTheirRegistrations() throws Exception {
    String jar = System.getProperty("beacon.jar", "target/beacon.jar");
    assertTrue(new File(jar).isFile(), "built jar at " + jar);
    int[] http = {TestNodes.freeHttpPort(), TestNodes.freeHttpPort(), TestNodes.freeHttpPort()};
    int[] hazelcast = {TestNodes.freePort(), TestNodes.freePort(), TestNodes.freePort()};
    String members = Arrays.stream(hazelcast).mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
    List<Process> processes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", new File(jar).getAbsolutePath());
        pb.directory(new File(System.getProperty("user.dir")));
        Path data = Files.createTempDirectory("beacon-it");
        Map<String, String> env = pb.environment();
        env.put("BEACON_PORT", String.valueOf(http[i]));
        env.put("BEACON_DATA_DIR", data.toString());
        env.put("BEACON_RAFT_PORT", String.valueOf(TestNodes.freePort()));
        env.put("BEACON_CLUSTER_MEMBERS", members);
        env.put("BEACON_CLUSTER_HOST", "127.0.0.1");
        env.put("BEACON_CLUSTER_PORT", String.valueOf(hazelcast[i]));
        env.put("BEACON_CLUSTER_JOIN_WAIT", "0");
        env.put("BEACON_CLUSTER_HEARTBEAT", "1");
        env.put("BEACON_DISTRO_HELLO_PERIOD", "200");
        env.put("BEACON_DISTRO_VERIFY_PERIOD", "500");
        env.put("BEACON_HTTP_VERTICLES", "1");
        pb.redirectErrorStream(true).redirectOutput(data.resolve("beacon.log").toFile());
        processes.add(pb.start());
      }
      for (int p : http) {
        Await.until("node on " + p + " ready", START, () -> NacosHttp.probe(p, "/ready") == 200);
      }
      for (int p : http) {
        Await.until("node on " + p + " lists 3 servers", START, () ->
            NacosHttp.get(p, "/v1/ns/operator/servers", Map.of()).json().getJsonArray("servers").size() == 3);
      }
      String service = "it-" + UUID.randomUUID();
      NacosHttp.Response r = NacosHttp.call(http[0], HttpMethod.POST, "/v1/ns/instance",
          Map.of("serviceName", service, "ip", "127.0.0.1", "port", 8080));
      assertEquals(200, r.status(), r.body());
      for (int i = 1; i < 3; i++) {
        int p = http[i];
        Await.until("node on " + p + " lists the instance", WAIT, () -> {
          NacosHttp.Response list = NacosHttp.get(p, "/v1/ns/instance/list", Map.of("serviceName", service));
          return list.status() == 200 && list.json().getJsonArray("hosts").size() == 1;
        });
      }
    } finally {
      for (Process p : processes) {
        p.destroyForcibly();
      }
      for (Process p : processes) {
        p.waitFor();
      }
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
