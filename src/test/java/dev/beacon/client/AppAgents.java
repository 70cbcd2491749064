package dev.beacon.client;

import dev.beacon.clients.ClientJars;
import dev.beacon.support.AgentProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts the application JVM of {@code NamingClientProcessIT}: {@code dev.beacon.client.app.AppAgent} (from the
 * client module's test classes) on a class path of the beacon-client jar, vertx-core and vertx-hazelcast 5.0.7 and
 * their dependencies, nothing of the server. Its change events arrive as {@code EVENT <service> <hosts>}.
 */
final class AppAgents {

  private static final String VERTX = "5.0.7";

  private AppAgents() {
  }

  /** The class path: the client jar, the agent's classes, and Vert.x as an application declares it. */
  static String classpath() throws Exception {
    Path jar = Path.of(System.getProperty("beacon.client.jar"));
    Path programs = Path.of(System.getProperty("beacon.client.programs"));
    if (!Files.isRegularFile(jar) || !Files.isDirectory(programs)) {
      throw new IllegalStateException("build the client module first: " + jar + ", " + programs);
    }
    return jar + File.pathSeparator + programs + File.pathSeparator
        + ClientJars.classpath(ClientJars.resolve("io.vertx:vertx-core:" + VERTX, "io.vertx:vertx-hazelcast:" + VERTX));
  }

  /** Starts the application on {@code host}, joined to {@code members}; returns once it is in the cluster. */
  static AgentProcess start(String host, int hazelcastPort, String members, long beatInterval, long requestTimeout,
                            long interestPeriod) throws Exception {
    return AgentProcess.start("application", classpath(), "dev.beacon.client.app.AppAgent", List.of(host,
        String.valueOf(hazelcastPort), members, String.valueOf(beatInterval), String.valueOf(requestTimeout),
        String.valueOf(interestPeriod)), Duration.ofSeconds(90), Duration.ofSeconds(60));
  }
}
