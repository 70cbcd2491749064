package dev.beacon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Beacon under test as a child process: {@code java <jvm opts> -jar beacon.jar --port=P --data-dir=TMP --raft-port=R
 * <long expiry timeouts> <extra args>} on free loopback ports; its temporary data directory is removed on close.
 */
public final class BeaconProcess implements AutoCloseable {

  /** Nothing may expire during a run: instances registered in setup must stay healthy with no beats. */
  public static final List<String> LONG_TIMEOUTS =
      List.of("--beat-timeout=3600000", "--delete-timeout=7200000", "--empty-service-ttl=7200000");

  private final ChildProcess child;
  private final int port;
  private final Path dataDir;

  private BeaconProcess(ChildProcess child, int port, Path dataDir) {
    this.child = child;
    this.port = port;
    this.dataDir = dataDir;
  }

  public static BeaconProcess start(String name, Path jar, List<String> jvmOpts, List<String> extraArgs, Path logDir,
                                    Duration startupTimeout, Probe.Factory probes) {
    int port = ChildProcess.freePort();
    int raftPort = ChildProcess.freePort();
    while (raftPort == port) {
      raftPort = ChildProcess.freePort();
    }
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("beacon-bench-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.javaBinary());
    cmd.addAll(jvmOpts);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("--port=" + port);
    cmd.add("--data-dir=" + dataDir);
    cmd.add("--raft-port=" + raftPort);
    cmd.addAll(LONG_TIMEOUTS);
    cmd.addAll(extraArgs);
    BeaconProcess b = new BeaconProcess(ChildProcess.start(name, cmd, logDir), port, dataDir);
    try (Probe probe = probes.create(port)) {
      probe.awaitReady(Scenarios.METRICS, true, b.child, startupTimeout);
    } catch (RuntimeException e) {
      b.close();
      throw e;
    }
    System.out.println("[bench] " + name + " ready on 127.0.0.1:" + port + " (pid " + b.pid() + ")");
    return b;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return child.pid();
  }

  public ChildProcess child() {
    return child;
  }

  @Override
  public void close() {
    child.close();
    try (Stream<Path> s = Files.walk(dataDir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      System.out.println("[bench] could not remove " + dataDir + ": " + e);
    }
  }
}
