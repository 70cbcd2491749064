package dev.beacon.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.TestNodes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -jar beacon.jar} with an unsafe auth key, or with one of its listen ports taken by another process: it exits with code 2 and one
 * line naming the setting and the port, not a stack trace.
 */
@Tag("process")
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
      String expected = taken + (taken.equals("raft-peers") ? " (127.0.0.1:" + ports.get("port") + ") " : " ")
          + occupied + " is in use";
      assertStopsWithOneLine(env, expected);
    }
  }

  /** The Nacos CVE regressions at start: with auth on, no key, a short, a non-Base64 or the published sample key. */
  @ParameterizedTest(name = "auth-secret-key \"{0}\"")
  @ValueSource(strings = {"", "c2hvcnQ=", "not base64 at all!",
      "SecretKey012345678901234567890123456789012345678901234567890123456789"})
  void anUnsafeAuthKeyStopsTheNodeWithOneLine(String key) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("BEACON_PORT", String.valueOf(TestNodes.freeHttpPort()));
    env.put("BEACON_RAFT_PORT", String.valueOf(TestNodes.freePort()));
    env.put("BEACON_DATA_DIR", Files.createTempDirectory("beacon-startup").toString());
    env.put("BEACON_AUTH_ENABLED", "true");
    env.put("BEACON_AUTH_SECRET_KEY", key);
    assertStopsWithOneLine(env, key.isEmpty() ? "needs auth-secret-key" : "auth-secret-key ");
  }

  private static void assertStopsWithOneLine(Map<String, String> env, String expected) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-jar", Path.of(System.getProperty("beacon.jar", "target/beacon.jar")).toString())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the node stops by itself");
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("beacon: ") && out.contains(expected), "expected '" + expected + "' in:\n" + out);
    assertTrue(!out.contains("\tat "), "no stack trace:\n" + out);
    assertFalse(out.contains(" serving http:"), "nothing served:\n" + out);
  }
}
