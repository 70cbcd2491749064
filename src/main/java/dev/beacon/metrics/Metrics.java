package dev.beacon.metrics;

import dev.beacon.model.ServiceView;
import dev.beacon.registry.Registry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /** Vert.x options that report HTTP server metrics by route, method and code into this registry. */
  public VertxOptions vertxOptions(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS)));
  }

  public MicrometerMetricsFactory vertxMetricsFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /** Instance and service gauges per namespace, added when a namespace first appears. */
  public void watchNamespaces(Registry tables) {
    Gauge.builder("beacon.services", tables, Registry::serviceCount).description("services, all namespaces")
        .register(registry);
    Gauge.builder("beacon.instances", tables, Registry::instanceCount).description("instances, all namespaces")
        .register(registry);
  }

  /** Call when a view of {@code namespace} is seen; registers that namespace's gauges once. */
  public void namespaceSeen(String namespace, Registry tables) {
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

  public static MeterRegistry noop() {
    return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  }
}
