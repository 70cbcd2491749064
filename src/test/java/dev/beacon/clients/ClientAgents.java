package dev.beacon.clients;

import dev.beacon.support.AgentProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts {@link ClientAgent}s: each in a JVM of its own with one nacos-client release (resolved from Maven Central)
 * on its class path, driven through {@link AgentProcess}.
 */
final class ClientAgents {

  private static final Map<String, String> CLASSPATHS = new ConcurrentHashMap<>();
  private static final String SLF4J_API = "org.slf4j:slf4j-api:1.7.36";

  private ClientAgents() {
  }

  /**
   * An agent with nacos-client {@code version} against {@code serverAddr}, once it is connected; {@code properties}:
   * more client properties as {@code key=value} (username, password, namespace).
   */
  static AgentProcess start(String version, String serverAddr, String... properties) throws Exception {
    String classpath = CLASSPATHS.computeIfAbsent(version, v -> {
      try {
        // 2.x declares slf4j-api "provided": the application brings it, as a Spring Boot app would.
        return ClientJars.testClasspath("com.alibaba.nacos:nacos-client:" + v, SLF4J_API);
      } catch (Exception e) {
        throw new IllegalStateException("cannot resolve nacos-client " + v, e);
      }
    });
    List<String> args = new ArrayList<>(List.of(serverAddr));
    args.addAll(List.of(properties));
    return AgentProcess.start("nacos-client " + version, classpath, ClientAgent.class.getName(), args,
        Duration.ofSeconds(60), Duration.ofSeconds(30));
  }
}
