package dev.beacon.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Request latency of one route and method, by status code ({@code beacon_http_requests_seconds}). The timers are
 * resolved once per status and kept in an array, so a request costs one array read and one record, not a registry
 * lookup by tags (which is what made Vert.x's own per-request HTTP meters show up in profiles).
 * Confined to one HttpVerticle's event loop.
 */
final class RouteMeters {

  private final MeterRegistry registry;
  private final String route;
  private final String method;
  private final Timer[] byStatus = new Timer[600];

  RouteMeters(MeterRegistry registry, String route, String method) {
    this.registry = registry;
    this.route = route;
    this.method = method;
  }

  void record(int status, long startNanos) {
    int code = status >= 100 && status < byStatus.length ? status : 599;
    Timer timer = byStatus[code];
    if (timer == null) {
      timer = Timer.builder("beacon.http.requests").description("HTTP requests by route, method and status")
          .tags("route", route, "method", method, "code", Integer.toString(code)).register(registry);
      byStatus[code] = timer;
    }
    timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
