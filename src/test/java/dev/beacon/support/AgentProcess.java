package dev.beacon.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test agent in a JVM of its own (an application using nacos-client, or a Vert.x application using beacon-client),
 * driven over stdin one command per line. The agent prints {@code READY …} once started and answers each command with
 * one line, {@code OK …} or {@code ERR …}; {@code EVENT …} lines are kept with the time they arrived; anything else
 * is the agent's own logging, whose last lines go into failure messages. {@link #close} sends {@code quit}.
 */
public final class AgentProcess implements AutoCloseable {

  /** An {@code EVENT} line's words after {@code EVENT}, and when it arrived here (System.nanoTime). */
  public record Event(List<String> words, long at) {
  }

  private final String name;
  private final Process process;
  private final PrintWriter in;
  private final Duration callTimeout;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private AgentProcess(String name, Process process, Duration callTimeout) {
    this.name = name;
    this.process = process;
    this.callTimeout = callTimeout;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs {@code java -Xmx128m -cp classpath mainClass args…} and returns once it printed {@code READY}; the JVM is
   * killed and an IllegalStateException thrown (with its log) if it does not within {@code ready}.
   */
  public static AgentProcess start(String name, String classpath, String mainClass, List<String> args,
                                   Duration ready, Duration callTimeout) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", classpath, mainClass));
    command.addAll(args);
    AgentProcess agent = new AgentProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start(),
        callTimeout);
    String first = agent.answers.poll(ready.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null || !first.startsWith("READY")) {
      agent.process.destroyForcibly();
      throw new IllegalStateException(name + " did not start: " + first + "\n" + agent.output());
    }
    return agent;
  }

  private void readOutput() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("EVENT ")) {
          events.add(new Event(List.of(line.substring(6).split(" ")), System.nanoTime()));
        } else if (line.startsWith("OK") || line.startsWith("ERR") || line.startsWith("READY")) {
          answers.add(line);
        } else {
          log.add(line);
        }
      }
    } catch (IOException e) {
      log.add("output closed: " + e);
    }
  }

  /** Sends one command; the answer after {@code OK } (empty for a bare OK), or an AssertionError with the log. */
  public String call(String command) {
    in.println(command);
    String answer;
    try {
      answer = answers.poll(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (answer == null || !answer.startsWith("OK")) {
      throw new AssertionError(name + ": " + command + " -> " + answer + "\n" + output());
    }
    return answer.length() > 3 ? answer.substring(3) : "";
  }

  /** The events received so far whose first word is {@code first}, in arrival order. */
  public List<Event> events(String first) {
    synchronized (events) {
      return events.stream().filter(e -> e.words().get(0).equals(first)).toList();
    }
  }

  /** {@code kill -9}: the JVM dies with its connections, without a goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** The agent's last 60 lines of its own output. */
  public String output() {
    synchronized (log) {
      return String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size()));
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      in.println("quit");
      if (!process.waitFor(callTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
