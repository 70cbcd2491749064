package dev.beacon.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's complete minimal application is {@code app/OrdersApp.java}, which compiles with this module. */
class ReadmeExampleTest {

  @Test
  void theReadmeShowsTheApplicationThatCompiles() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md")
        .toAbsolutePath().normalize());
    String app = Files.readString(Path.of("src/test/java/dev/beacon/client/app/OrdersApp.java"));
    String shown = app.substring(app.indexOf("import "));
    assertTrue(readme.contains("```java\n" + shown + "```"), "README shows OrdersApp.java as it is");
  }
}
