package dev.beacon;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One-line JUL logging for Beacon, Vert.x, Hazelcast and (through slf4j-jdk14) Ratis. */
final class Logging {

  /** JUL keeps loggers weakly: a configured logger must stay referenced or its level is forgotten. */
  private static final java.util.List<Logger> CONFIGURED = new java.util.ArrayList<>();

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
      handler.setFormatter(new java.util.logging.SimpleFormatter());
    }
    // Libraries are chatty at INFO; keep their warnings only unless asked for more.
    Level libraries = parsed.intValue() < Level.INFO.intValue() ? parsed : Level.WARNING;
    // Micrometer warns once when Vert.x re-registers a pool gauge for a second client; nothing to act on.
    level("io.micrometer.core.instrument.MeterRegistry", Level.SEVERE);
    // Ratis tries several JMX names per server; ids such as host:port fail the first, harmlessly but loudly.
    level("org.apache.ratis.util.JmxRegister", Level.OFF);
    for (String name : new String[] {"com.hazelcast", "org.apache.ratis", "io.netty", "io.vertx"}) {
      level(name, libraries);
    }
  }

  private static void level(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(level);
    CONFIGURED.add(logger);
  }

  private static Level parse(String level) {
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "TRACE", "FINEST" -> Level.FINEST;
      case "DEBUG", "FINE" -> Level.FINE;
      case "WARN", "WARNING" -> Level.WARNING;
      case "ERROR", "SEVERE" -> Level.SEVERE;
      case "OFF" -> Level.OFF;
      default -> Level.INFO;
    };
  }
}
