package dev.beacon.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Beacon server a scenario talks to: one this run started (and will stop), or one given by --beacon-url. */
public final class Target implements AutoCloseable {

  private final int port;
  private final long pid;
  private final AutoCloseable closer;

  private Target(int port, long pid, AutoCloseable closer) {
    this.port = port;
    this.pid = pid;
    this.closer = closer;
  }

  public int port() {
    return port;
  }

  /** The server's pid, or -1 when not known (attached without --beacon-pid). */
  public long pid() {
    return pid;
  }

  /** Starts {@code beacon.jar} as a child process and waits for it to be ready. */
  public static Target launch(String name, BenchOptions o, List<String> jvmOpts, Path logDir, Probe.Factory probes) {
    return launch(name, o, jvmOpts, logDir, probes, List.of());
  }

  /** As {@link #launch(String, BenchOptions, List, Path, Probe.Factory)}, with {@code args} after --server-args. */
  public static Target launch(String name, BenchOptions o, List<String> jvmOpts, Path logDir, Probe.Factory probes,
                              List<String> args) {
    Path jar = Locations.beaconJar(o.get("beacon-jar"));
    List<String> extra = new ArrayList<>(o.list("server-args"));
    extra.addAll(args);
    BeaconProcess b = BeaconProcess.start(name, jar, jvmOpts, extra, logDir, o.duration("startup-timeout"), probes);
    return new Target(b.port(), b.pid(), b);
  }

  /** Uses a server already running on a loopback address; never anything but loopback. */
  public static Target attach(BenchOptions o, Probe.Factory probes, Duration timeout) {
    return attach(o.get("beacon-url"), o.get("beacon-pid"), probes, timeout);
  }

  /**
   * The second server of {@code --compare-url} (attached) or {@code --compare-jar} (started), measured in the same
   * rounds as the first; null when neither is given.
   */
  public static Target compare(BenchOptions o, List<String> jvmOpts, Path logDir, Probe.Factory probes) {
    if (!o.get("compare-url").isBlank()) {
      return attach(o.get("compare-url"), "", probes, o.duration("startup-timeout"));
    }
    if (o.get("compare-jar").isBlank()) {
      return null;
    }
    BeaconProcess b = BeaconProcess.start("compare", Path.of(o.get("compare-jar")), jvmOpts, o.list("server-args"),
        logDir, o.duration("startup-timeout"), probes);
    return new Target(b.port(), b.pid(), b);
  }

  private static Target attach(String url, String pidText, Probe.Factory probes, Duration timeout) {
    URI uri = URI.create(url);
    String host = uri.getHost();
    if (host == null || !(host.equals("localhost") || host.matches("127\\.\\d+\\.\\d+\\.\\d+"))) {
      throw new IllegalArgumentException("--beacon-url must be a loopback address (127.x.y.z or localhost), got " + uri);
    }
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      throw new IllegalArgumentException("the load generator targets 127.0.0.1 only; use --beacon-url=http://127.0.0.1:PORT");
    }
    int port = uri.getPort();
    long pid = pidText.isBlank() ? -1 : Long.parseLong(pidText);
    try (Probe p = probes.create(port)) {
      p.awaitReady(Scenarios.METRICS, false, null, timeout);
    }
    System.out.println("[bench] attached to running server at 127.0.0.1:" + port + (pid > 0 ? " (pid " + pid + ")" : ""));
    return new Target(port, pid, () -> { });
  }

  public static Target launchOrAttach(String name, BenchOptions o, List<String> jvmOpts, Path logDir,
                                      Probe.Factory probes) {
    return o.get("beacon-url").isBlank() ? launch(name, o, jvmOpts, logDir, probes)
        : attach(o, probes, o.duration("startup-timeout"));
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      System.out.println("[bench] closing target: " + e);
    }
  }
}
