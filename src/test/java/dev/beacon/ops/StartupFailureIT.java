package dev.beacon.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.TestNodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -jar beacon.jar} with one of its listen ports taken by another process: it exits with code 2 and one
 * line naming the setting and the port, not a stack trace.
 */
class StartupFailureIT {

  @ParameterizedTest(name = "{0} taken")
  @ValueSource(strings = {"port", "grpc-port", "raft-port", "raft-peers", "cluster-port", "event-bus-port"})
  void aTakenPortStopsTheNodeWithOneLine(String taken) throws Exception {
    Map<String, Integer> ports = new HashMap<>();
    for (String key : new String[] {"port", "raft-port", "cluster-port", "event-bus-port"}) {
      ports.put(key, key.equals("port") ? TestNodes.freeHttpPort() : TestNodes.freePort());
    }
    ports.put("grpc-port", ports.get("port") + 1000);
    int occupied = ports.get(taken.equals("raft-peers") ? "raft-port" : taken);
    Map<String, String> env = new HashMap<>();
    env.put("BEACON_PORT", String.valueOf(ports.get("port")));
    env.put("BEACON_RAFT_PORT", String.valueOf(ports.get("raft-port")));
    env.put("BEACON_DATA_DIR", Files.createTempDirectory("beacon-startup").toString());
    if (taken.equals("raft-peers")) {
      env.put("BEACON_RAFT_PEERS", "127.0.0.1:" + ports.get("port") + "=127.0.0.1:" + occupied);
    }
    if (taken.startsWith("cluster") || taken.startsWith("event")) {
      env.put("BEACON_CLUSTER_MEMBERS", "127.0.0.1:" + ports.get("cluster-port"));
      env.put("BEACON_CLUSTER_PORT", String.valueOf(ports.get("cluster-port")));
      env.put("BEACON_EVENT_BUS_PORT", String.valueOf(ports.get("event-bus-port")));
    }
    try (ServerSocket squatter = new ServerSocket(occupied, 1, InetAddress.getByName("127.0.0.1"))) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx128m", "-jar", Path.of(System.getProperty("beacon.jar", "target/beacon.jar")).toString())
          .redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the node stops by itself");
      assertEquals(2, p.exitValue(), out);
      String expected = taken + (taken.equals("raft-peers") ? " (127.0.0.1:" + ports.get("port") + ") " : " ")
          + occupied + " is in use";
      assertTrue(out.contains("beacon: " + expected), "expected '" + expected + "' in:\n" + out);
      assertTrue(!out.contains("\tat "), "no stack trace:\n" + out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
