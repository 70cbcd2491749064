package dev.beacon.clients;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;

/**
 * The jars of one artifact and its runtime dependencies, resolved as Maven resolves them (Maven Resolver, the local
 * repository {@code ~/.m2/repository}, Maven Central): how a test gets an older client release line to run in a JVM
 * of its own.
 */
public final class ClientJars {

  private static final RemoteRepository CENTRAL =
      new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

  private ClientJars() {
  }

  /**
   * A class path for a JVM of its own: the test classes (the program it runs), then the jars of {@code jars},
   * resolved as {@link #resolve} does.
   */
  static String testClasspath(String... coordinates) throws Exception {
    return Path.of("target", "test-classes").toAbsolutePath() + File.pathSeparator + classpath(resolve(coordinates));
  }

  public static String classpath(List<Path> jars) {
    return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /** Several roots resolved together, so that Maven's conflict resolution picks one version of each artifact. */
  public static List<Path> resolve(String... coordinates) throws Exception {
    RepositorySystem system = new RepositorySystemSupplier().get();
    try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
        .withLocalRepositoryBaseDirectories(Path.of(System.getProperty("user.home"), ".m2", "repository"))
        .build()) {
      CollectRequest collect = new CollectRequest(Arrays.stream(coordinates)
          .map(c -> new Dependency(new DefaultArtifact(c), "runtime")).toList(), List.of(), List.of(CENTRAL));
      return system.resolveDependencies(session, new DependencyRequest(collect, null)).getArtifactResults().stream()
          .map(ArtifactResult::getArtifact).map(a -> a.getPath()).toList();
    } finally {
      system.shutdown();
    }
  }
}
