package dev.beacon.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The three-node cluster of {@code scripts/local-cluster.sh}, driven the way an operator drives it: the script with
 * its knobs (free port ranges, a temporary CLUSTER_DIR, the built jar) plus any BEACON_* settings in the environment.
 * Closing runs {@code stop} and, should a JVM survive that, kills it.
 */
public final class LocalCluster implements AutoCloseable {

  public record Result(int exitCode, String output) {
  }

  public static final int NODES = 3;
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));

  private final Map<String, String> env = new HashMap<>();
  private final Path dir;
  private final int httpBase;

  /** Picks free port ranges and a fresh directory; {@code settings} (BEACON_* etc.) reach every node. */
  public LocalCluster(Map<String, String> settings) {
    try {
      dir = Files.createTempDirectory("beacon-local-cluster");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<Integer> taken = new HashSet<>();
    httpBase = freeRange(taken);
    env.put("HTTP_BASE", String.valueOf(httpBase));
    env.put("HZ_BASE", String.valueOf(freeRange(taken)));
    env.put("BUS_BASE", String.valueOf(freeRange(taken)));
    env.put("RAFT_BASE", String.valueOf(freeRange(taken)));
    env.put("CLUSTER_DIR", dir.toString());
    env.put("BEACON_JAR", Path.of(System.getProperty("beacon.jar", "target/beacon.jar")).toAbsolutePath().toString());
    env.put("JAVA_OPTS", "-Xmx256m");
    env.putAll(settings);
  }

  /** Runs {@code scripts/local-cluster.sh <command>}; its output (stdout and stderr) and exit code. */
  public Result script(String command) {
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("scripts/local-cluster.sh").toString(), command)
        .directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("local-cluster.sh " + command + " hung: " + out);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** HTTP port of node {@code i} (1..3). */
  public int httpPort(int i) {
    return httpBase + i - 1;
  }

  public String nodeId(int i) {
    return "127.0.0.1:" + httpPort(i);
  }

  /** The JVM of node {@code i}, from its pid file, while it is running. */
  public Optional<ProcessHandle> process(int i) {
    Path pidFile = dir.resolve("node" + i + ".pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(read(pidFile).trim())).filter(ProcessHandle::isAlive);
  }

  /** The exit code the script recorded for node {@code i}'s JVM, once it has ended. */
  public Optional<Integer> exitCode(int i) {
    Path file = dir.resolve("node" + i + ".exit");
    String text = Files.isRegularFile(file) ? read(file).trim() : "";
    return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
  }

  public String log(int i) {
    return read(dir.resolve("node" + i + ".log"));
  }

  @Override
  public void close() {
    script("stop");
    for (int i = 1; i <= NODES; i++) {
      process(i).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A base port where base..base+2 are free, below the ephemeral range, not overlapping ranges already taken. */
  private static int freeRange(Set<Integer> taken) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = random.nextInt(20_000, 32_000 - NODES);
      boolean free = true;
      for (int p = base; p < base + NODES && free; p++) {
        free = !taken.contains(p) && bindable(p);
      }
      if (free) {
        for (int p = base; p < base + NODES; p++) {
          taken.add(p);
        }
        return base;
      }
    }
    throw new IllegalStateException("no free range of " + NODES + " ports");
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
