package dev.beacon.client;

import dev.beacon.clients.ClientJars;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The application JVM of {@code NamingClientProcessIT}: {@code dev.beacon.client.app.AppAgent} (from the client
 * module's test classes) on a class path of the beacon-client jar, vertx-core and vertx-hazelcast 5.0.7 and their
 * dependencies, nothing of the server. {@link #call} sends a command and returns its answer; {@code EVENT} lines
 * are kept with the time they arrived.
 */
final class AppProcess implements AutoCloseable {

  /** A change event as the application printed it, and when it arrived here (System.nanoTime). */
  record Event(String service, String hosts, long at) {
  }

  private static final String VERTX = "5.0.7";

  private final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private AppProcess(Process process) {
    this.process = process;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("EVENT ")) {
            String[] parts = line.split(" ");
            events.add(new Event(parts[1], parts[2], System.nanoTime()));
          } else if (line.startsWith("OK") || line.startsWith("ERR") || line.startsWith("READY")) {
            answers.add(line);
          } else {
            log.add(line);
          }
        }
      } catch (IOException e) {
        log.add("output closed: " + e);
      }
    }, "app-agent-output");
    reader.setDaemon(true);
    reader.start();
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
  static AppProcess start(String host, int hazelcastPort, String members, long beatInterval, long requestTimeout,
                          long interestPeriod) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", classpath(), "dev.beacon.client.app.AppAgent", host, String.valueOf(hazelcastPort), members,
        String.valueOf(beatInterval), String.valueOf(requestTimeout), String.valueOf(interestPeriod));
    AppProcess app = new AppProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    String ready = app.answers.poll(90, TimeUnit.SECONDS);
    if (!"READY".equals(ready)) {
      app.process.destroyForcibly();
      throw new IllegalStateException("application did not join: " + ready + "\n" + app.output());
    }
    return app;
  }

  /** Sends a command; its answer after {@code OK } (empty for a bare OK), or an AssertionError with the log. */
  String call(String command) {
    in.println(command);
    String answer;
    try {
      answer = answers.poll(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (answer == null || !answer.startsWith("OK")) {
      throw new AssertionError(command + " -> " + answer + "\n" + output());
    }
    return answer.length() > 3 ? answer.substring(3) : "";
  }

  List<Event> events(String service) {
    synchronized (events) {
      return events.stream().filter(e -> e.service().equals(service)).toList();
    }
  }

  String output() {
    synchronized (log) {
      return String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size()));
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      in.println("quit");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
