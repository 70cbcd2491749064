package dev.beacon.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every configuration key and keeps exactly the two set-up commands CI relies on. */
class ReadmeTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir"));

  @Test
  void configurationTableListsEverySetting() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (Setting s : Setting.values()) {
      String row = "| `" + s.key() + "` | `" + s.envName() + "` | `" + s.defaultValue() + "` |";
      assertTrue(readme.contains(row), "README configuration table lacks: " + row);
    }
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
        .filter(l -> l.startsWith("mvn")).toList();
    assertEquals(1, ci.size(), ".ci/run should run one maven command");
    assertTrue(readme.contains("\n" + ci.get(0) + "\n"), "README does not show the CI command: " + ci.get(0));
  }
}
