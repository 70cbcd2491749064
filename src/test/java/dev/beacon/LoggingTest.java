package dev.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** {@code --log-level} takes SLF4J names and java.util.logging names in any case, and rejects anything else. */
class LoggingTest {

  @Test
  void slf4jNames() {
    assertEquals(Level.FINEST, Logging.parse("TRACE"));
    assertEquals(Level.FINE, Logging.parse("debug"));
    assertEquals(Level.INFO, Logging.parse("Info"));
    assertEquals(Level.WARNING, Logging.parse("WARN"));
    assertEquals(Level.SEVERE, Logging.parse("error"));
    assertEquals(Level.OFF, Logging.parse("off"));
  }

  @Test
  void julNames() {
    assertEquals(Level.FINER, Logging.parse("FINER"));
    assertEquals(Level.CONFIG, Logging.parse("config"));
    assertEquals(Level.WARNING, Logging.parse("warning"));
    assertEquals(Level.SEVERE, Logging.parse(" SEVERE "));
    assertEquals(Level.ALL, Logging.parse("all"));
  }

  @Test
  void unknownNameIsAConfigurationError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Logging.parse("verbose"));
    assertTrue(e.getMessage().contains("log-level 'verbose'"), e.getMessage());
  }
}
