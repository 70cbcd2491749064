package dev.beacon.metrics;

import dev.beacon.core.Addresses;
import dev.beacon.distro.DistroStats;
import dev.beacon.model.ServiceView;
import dev.beacon.push.PushStats;
import dev.beacon.raft.RaftNode;
import dev.beacon.raft.RaftUnavailableException;
import dev.beacon.registry.Registry;
import dev.beacon.registry.ServiceChanges;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * One Prometheus registry per node: Vert.x's own HTTP/event-bus metrics (by route) through vertx-micrometer-metrics,
 * JVM metrics, and the registry's gauges. Components register their own counters on {@link #registry()}.
 */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Set<String> namespaces = ConcurrentHashMap.newKeySet();

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Vert.x's own meters for what Beacon does not measure itself (HTTP client, datagram, verticles). Off: HTTP server
   * and event-bus meters, which resolve meters by tags on every request and message (profiles showed ~10% of a
   * register) — the HTTP layer keeps its own per-route timers ({@code beacon_http_requests}) and the worker its queue
   * gauge; per-connection TCP and pool meters too.
   */
  public VertxOptions vertxOptions(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER).addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .addDisabledMetricsCategory(MetricsDomain.NET_SERVER).addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.NAMED_POOLS));
  }

  public MicrometerMetricsFactory vertxMetricsFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /** Instance and service gauges, in all and per namespace (added when a namespace first changes). */
  public void watchNamespaces(Vertx vertx, Registry tables) {
    Gauge.builder("beacon.services", tables, Registry::serviceCount).description("services, all namespaces")
        .register(registry);
    Gauge.builder("beacon.instances", tables, Registry::instanceCount).description("instances, all namespaces")
        .register(registry);
    vertx.eventBus().<ServiceChanges>localConsumer(Addresses.SERVICE_CHANGES,
        m -> m.body().changes().forEach(c -> namespaceSeen(c.key().namespace(), tables)));
  }

  public void watchPush(PushStats push) {
    counter("beacon.push.sent", "UDP pushes sent (first sends)", push, PushStats::getSent);
    counter("beacon.push.resent", "UDP pushes resent for a missing ack", push, PushStats::getResent);
    counter("beacon.push.acked", "UDP pushes acknowledged", push, PushStats::getAcked);
    counter("beacon.push.failed", "UDP pushes given up after retries", push, PushStats::getFailed);
    gauge("beacon.push.subscribers", "live UDP push subscribers", push, PushStats::getSubscribers);
  }

  public void watchRaft(RaftNode raft) {
    gauge("beacon.raft.leader", "1 when this node is the Raft leader", raft, r -> r.isLeader() ? 1 : 0);
    gauge("beacon.raft.commit.lag", "committed Raft entries not yet applied here", raft,
        r -> Math.max(0, r.commitIndex() - r.lastAppliedIndex()));
    gauge("beacon.raft.applied.index", "last Raft log index applied here", raft, RaftNode::lastAppliedIndex);
    for (RaftUnavailableException.Reason reason : RaftUnavailableException.Reason.values()) {
      FunctionCounter.builder("beacon.raft.write.failures", raft, r -> r.failures(reason))
          .description("persistent writes not committed, by reason").tag("reason", reason.tag()).register(registry);
    }
  }

  public void watchDistro(DistroStats distro) {
    for (var counter : DistroStats.COUNTERS.entrySet()) {
      counter("beacon.distro." + counter.getKey(), "Distro " + counter.getKey().replace('.', ' '), distro,
          counter.getValue());
    }
  }

  /** A monotonic count kept elsewhere (a LongAdder in a stats object), exposed as a Prometheus counter. */
  public <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
    FunctionCounter.builder(name, source, value).description(description).register(registry);
  }

  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  private void namespaceSeen(String namespace, Registry tables) {
    if (namespaces.add(namespace)) {
      Gauge.builder("beacon.namespace.services", tables, t -> count(t, namespace, false))
          .tag("namespace", namespace).register(registry);
      Gauge.builder("beacon.namespace.instances", tables, t -> count(t, namespace, true))
          .tag("namespace", namespace).register(registry);
    }
  }

  private static double count(Registry tables, String namespace, boolean instances) {
    long n = 0;
    for (ServiceView v : tables.views()) {
      if (v.key().namespace().equals(namespace)) {
        n += instances ? v.size() : 1;
      }
    }
    return n;
  }
}
