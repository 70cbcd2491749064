package dev.beacon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One-line JUL logging for Beacon, Vert.x, Hazelcast and (through slf4j-jdk14) Ratis. */
final class Logging {

  /** JUL keeps loggers weakly: a configured logger must stay referenced or its level is forgotten. */
  private static final List<Logger> CONFIGURED = new ArrayList<>();

  /**
   * Loggers that warn about a peer going away, many on every retry and with stack traces (connection refused, member
   * suspected, Raft appends and votes failing): one stopped node made hundreds of lines a second.
   */
  private static final String[] PEER_DOWN_NOISE = {
      "io.vertx.core.eventbus.impl.MessageConsumerImpl",
      "com.hazelcast.internal.server.tcp.TcpServerConnectionErrorHandler",
      "com.hazelcast.internal.cluster.impl.MembershipManager",
      "com.hazelcast.internal.cluster.ClusterService",
      "org.apache.ratis.server.leader.LogAppender",
      "org.apache.ratis.grpc.server.GrpcLogAppender",
      "org.apache.ratis.grpc.server.GrpcServerProtocolService",
      "org.apache.ratis.grpc.server.GrpcClientProtocolService",
      // "Timed out gracefully shutting down connection" for every client replaced while its peer was unreachable.
      "org.apache.ratis.grpc.GrpcUtil",
      // Beacon uses no CP data structures; the start-up warning about their UNSAFE mode does not apply.
      "com.hazelcast.cp.CPSubsystem",
  };

  private Logging() {
  }

  static void configure(String level) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format",
          "%1$tF %1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
    }
    System.setProperty("hazelcast.logging.type", "jdk");
    Level parsed = parse(level);
    Logger root = Logger.getLogger("");
    root.setLevel(parsed);
    for (var handler : root.getHandlers()) {
      handler.setLevel(parsed);
      handler.setFormatter(new SimpleFormatter());
    }
    // Libraries are chatty at INFO; keep their warnings only unless asked for more.
    Level libraries = parsed.intValue() < Level.INFO.intValue() ? parsed : Level.WARNING;
    // Micrometer warns once when Vert.x re-registers a pool gauge for a second client; nothing to act on.
    level("io.micrometer.core.instrument.MeterRegistry", Level.SEVERE);
    // Ratis tries several JMX names per server; ids such as host:port fail the first, harmlessly but loudly.
    level("org.apache.ratis.util.JmxRegister", Level.OFF);
    // Ratis logs every failed connection attempt to a stopped peer as SEVERE with a stack trace, several a second.
    level("org.apache.ratis.util.LifeCycle", Level.OFF);
    for (String name : new String[] {"com.hazelcast", "org.apache.ratis", "io.netty", "io.vertx"}) {
      level(name, libraries);
    }
    // Beacon logs one line per server leaving (Membership) and per Raft leader change (RaftNode) instead; a message
    // for a consumer just unregistered on shutdown is expected.
    Level noise = parsed.intValue() < Level.INFO.intValue() ? parsed : Level.SEVERE;
    for (String name : PEER_DOWN_NOISE) {
      level(name, noise);
    }
  }

  private static void level(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(level);
    CONFIGURED.add(logger);
  }

  /** A JUL or SLF4J level name, any case; anything else is a configuration error, not a silent INFO. */
  static Level parse(String level) {
    return switch (level.trim().toUpperCase(Locale.ROOT)) {
      case "TRACE", "FINEST" -> Level.FINEST;
      case "FINER" -> Level.FINER;
      case "DEBUG", "FINE" -> Level.FINE;
      case "CONFIG" -> Level.CONFIG;
      case "INFO" -> Level.INFO;
      case "WARN", "WARNING" -> Level.WARNING;
      case "ERROR", "SEVERE" -> Level.SEVERE;
      case "OFF" -> Level.OFF;
      case "ALL" -> Level.ALL;
      default -> throw new IllegalArgumentException("log-level '" + level
          + "' is not one of TRACE, DEBUG, INFO, WARN, ERROR, OFF (or a java.util.logging level)");
    };
  }
}
