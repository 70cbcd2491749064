package dev.beacon.health;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.model.ClusterSettings;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Server-side health checks of persistent instances (they send no beats), run by the service's responsible node only:
 * TCP connect (default), HTTP GET expecting a status, or none (health set by hand). A health flip needs
 * {@code health-check-times} equal results in a row and goes through the command sink, so Raft replicates it.
 */
final class ActiveChecks {

  private static final Logger LOG = Logger.getLogger(ActiveChecks.class.getName());

  /** Consecutive equal results per instance, and whether a check is in flight. */
  private record Streak(boolean result, int count) {
  }

  private final Registry registry;
  private final CommandSink sink;
  private final Predicate<ServiceKey> responsible;
  private final NetClient tcp;
  private final HttpClient http;
  private final long timeout;
  private final IntSupplier times;
  private final Map<String, Streak> streaks = new ConcurrentHashMap<>();
  private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

  ActiveChecks(Vertx vertx, Registry registry, CommandSink sink, Predicate<ServiceKey> responsible,
               BeaconConfig config, IntSupplier times) {
    this.registry = registry;
    this.sink = sink;
    this.responsible = responsible;
    this.timeout = config.millis(Setting.HEALTH_CHECK_TIMEOUT);
    this.times = times;
    this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) timeout));
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout)
        .setKeepAlive(false));
  }

  void tick() {
    for (ServiceView view : registry.views()) {
      if (!responsible.test(view.key())) {
        continue;
      }
      for (Instance i : view.instances()) {
        if (!i.ephemeral()) {
          ClusterSettings cluster = view.cluster(i.clusterName());
          if (!cluster.manualHealth()) {
            check(view.key(), i, cluster);
          }
        }
      }
    }
  }

  private void check(ServiceKey key, Instance instance, ClusterSettings cluster) {
    String id = key + "#" + instance.ref();
    if (inFlight.putIfAbsent(id, Boolean.TRUE) != null) {
      return;
    }
    int port = cluster.useInstancePort() ? instance.port() : cluster.checkPort();
    Future<Boolean> result = "HTTP".equals(cluster.checkerType()) ? httpCheck(instance.ip(), port, cluster)
        : tcp.connect(port, instance.ip()).map(socket -> {
          socket.close();
          return true;
        });
    result.otherwise(false).onComplete(ar -> {
      inFlight.remove(id);
      record(key, instance.ref(), id, ar.result());
    });
  }

  private Future<Boolean> httpCheck(String ip, int port, ClusterSettings cluster) {
    String path = cluster.checkPath().isEmpty() ? "/" : cluster.checkPath();
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(ip).setPort(port).setURI(path)
            .setTimeout(timeout))
        .compose(req -> req.send())
        .map(resp -> resp.statusCode() == cluster.expectedCode());
  }

  private void record(ServiceKey key, InstanceRef ref, String id, boolean healthy) {
    Streak streak = streaks.merge(id, new Streak(healthy, 1),
        (old, now) -> old.result() == healthy ? new Streak(healthy, old.count() + 1) : now);
    ServiceView view = registry.view(key);
    Instance current = view == null ? null : view.find(ref);
    if (current == null) {
      streaks.remove(id);
      return;
    }
    if (current.healthy() != healthy && streak.count() >= times.getAsInt()) {
      LOG.info(() -> "health check: " + key + " " + ref + " is now " + (healthy ? "healthy" : "unhealthy"));
      sink.submit(new RegistryCommand.SetHealth(key, ref, healthy, false))
          // Raft logs once when commits stop; a line per instance and check period would flood the log.
          .onFailure(e -> LOG.fine(() -> "could not record health of " + key + " " + ref + ": " + e.getMessage()));
    }
  }

  void close() {
    tcp.close();
    http.close();
  }
}
