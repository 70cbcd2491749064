package dev.beacon.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where things are: the bench/ directory, the repository root, this jar, Beacon's jar. Works from the repo root or bench/. */
public final class Locations {

  private Locations() {
  }

  /** The jar (or classes directory) this code runs from. */
  public static Path self() {
    try {
      return Path.of(Locations.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot locate the bench jar", e);
    }
  }

  /** bench/: the parent of the target/ this code runs from, else found from the working directory. */
  public static Path benchDir() {
    Path self = self();
    Path target = self.getParent();
    if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
        && Files.exists(target.getParent().resolve("pom.xml"))) {
      return target.getParent();
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.exists(cwd.resolve("bench/pom.xml"))) {
      return cwd.resolve("bench");
    }
    return cwd;
  }

  public static Path repoRoot() {
    return benchDir().toAbsolutePath().getParent();
  }

  /** The places looked at for beacon.jar, first match wins. */
  public static List<Path> beaconJarCandidates(String configured) {
    Set<Path> c = new LinkedHashSet<>();
    if (configured != null && !configured.isBlank()) {
      c.add(Path.of(configured).toAbsolutePath().normalize());
      return new ArrayList<>(c);
    }
    c.add(repoRoot().resolve("target/beacon.jar").normalize());
    Path cwd = Path.of("").toAbsolutePath();
    c.add(cwd.resolve("target/beacon.jar").normalize());
    c.add(cwd.resolve("../target/beacon.jar").normalize());
    return new ArrayList<>(c);
  }

  /** beacon.jar, or an exception listing where it was looked for and how to build it. */
  public static Path beaconJar(String configured) {
    List<Path> candidates = beaconJarCandidates(configured);
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("beacon.jar not found; looked at " + candidates
        + ". Build it at the repo root with: mvn -q -DskipTests package (or pass --beacon-jar=PATH)");
  }
}
