package dev.beacon.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClientAgent} in a JVM of its own, with one nacos-client release (resolved from Maven Central) on its class
 * path: {@link #call} sends a command and returns the answer line; {@link #kill} is {@code kill -9}. The agent's other
 * output (the client's own logging) is kept for failure messages.
 */
final class ClientProcess implements AutoCloseable {

  private static final Map<String, String> CLASSPATHS = new ConcurrentHashMap<>();
  private static final long CALL_TIMEOUT_S = 30;
  private static final String SLF4J_API = "org.slf4j:slf4j-api:1.7.36";

  private final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private ClientProcess(Process process) {
    this.process = process;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("OK") || line.startsWith("ERR") || line.startsWith("READY")) {
            answers.add(line);
          } else {
            log.add(line);
          }
        }
      } catch (IOException e) {
        log.add("output closed: " + e);
      }
    }, "client-agent-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts an agent with nacos-client {@code version} against {@code serverAddr}, once it is connected;
   * {@code properties}: more client properties as {@code key=value} (username, password, namespace).
   */
  static ClientProcess start(String version, String serverAddr, String... properties) throws Exception {
    String classpath = CLASSPATHS.computeIfAbsent(version, v -> {
      try {
        // 2.x declares slf4j-api "provided": the application brings it, as a Spring Boot app would.
        return ClientJars.testClasspath("com.alibaba.nacos:nacos-client:" + v, SLF4J_API);
      } catch (Exception e) {
        throw new IllegalStateException("cannot resolve nacos-client " + v, e);
      }
    });
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", classpath, ClientAgent.class.getName(), serverAddr));
    command.addAll(List.of(properties));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ClientProcess client = new ClientProcess(p);
    String ready = client.answers.poll(60, TimeUnit.SECONDS);
    if (ready == null || !ready.startsWith("READY")) {
      p.destroyForcibly();
      throw new IllegalStateException("nacos-client " + version + " agent did not start: " + ready + "\n"
          + client.output());
    }
    return client;
  }

  /** Sends one command; the answer after {@code OK } (empty for a bare OK), or an AssertionError with the log. */
  String call(String command) {
    in.println(command);
    String answer;
    try {
      answer = answers.poll(CALL_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (answer == null || !answer.startsWith("OK")) {
      throw new AssertionError(command + " -> " + answer + "\n" + output());
    }
    return answer.length() > 3 ? answer.substring(3) : "";
  }

  /** {@code kill -9}: the JVM dies with its connection, without a goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
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
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
