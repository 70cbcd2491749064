package dev.beacon;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One-line JUL logging for Beacon, Vert.x, Hazelcast and (through slf4j-jdk14) Ratis. */
final class Logging {

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
    for (String name : new String[] {"com.hazelcast", "org.apache.ratis", "io.netty", "io.vertx"}) {
      Logger.getLogger(name).setLevel(libraries);
    }
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
