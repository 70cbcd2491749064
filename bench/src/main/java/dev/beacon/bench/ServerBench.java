package dev.beacon.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * What every scenario that starts a server of its own (memory, gRPC connections, gRPC push) is given: the options,
 * the generator's Vert.x, where child logs go, the child JVM's flags, and the run's warnings to add to.
 */
abstract class ServerBench {

  protected final BenchOptions o;
  protected final Vertx vertx;
  protected final Path logDir;
  protected final List<String> jvmOpts;
  protected final List<String> warnings;

  ServerBench(BenchOptions o, Vertx vertx, Path logDir, List<String> jvmOpts, List<String> warnings) {
    this.o = o;
    this.vertx = vertx;
    this.logDir = logDir;
    this.jvmOpts = jvmOpts;
    this.warnings = warnings;
  }

  /** Fills {@code out} step by step, so a failure part-way still leaves what was measured. */
  abstract void run(JsonObject out);
}
