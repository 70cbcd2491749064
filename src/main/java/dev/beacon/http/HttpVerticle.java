package dev.beacon.http;

import dev.beacon.api.Access;
import dev.beacon.api.Failure;
import dev.beacon.api.Guard;
import dev.beacon.api.Params;
import dev.beacon.auth.AuthStats;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.config.Switches;
import dev.beacon.core.NodeStatus;
import dev.beacon.core.RaftStatus;
import dev.beacon.model.BeaconError;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Nacos v1 HTTP API under {@code /nacos}: parses requests, runs the endpoint (which reads views or sends commands
 * on the event bus), maps failures, writes replies. One instance per event loop; all share one port.
 */
public final class HttpVerticle extends VerticleBase {

  private static final String CONTEXT = "/nacos";
  private static final String JSON = "application/json;charset=UTF-8";
  private static final String TEXT = "text/plain;charset=UTF-8";
  /** Methods whose body is read (form parameters merged into the query's); Tomcat ignores a GET's body. */
  private static final Set<HttpMethod> BODY_METHODS =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  /**
   * Header names in their canonical case, as Tomcat (Nacos) sends them: nacos-client before 1.4.2 looks
   * {@code Content-Encoding} up case-sensitively and, missing a lower-case one, parses gzip bytes as JSON.
   */
  private static final String CONTENT_TYPE = "Content-Type";
  private static final String CONTENT_ENCODING = "Content-Encoding";
  private static final String CONTENT_LENGTH = "Content-Length";
  private static final int MAX_REQUEST_LINE = 16 * 1024;

  /** On shutdown, requests in flight get this long to finish; new connections are refused at once. */
  private static final long DRAIN_MILLIS = 1000;

  private static final String BEARER = "Bearer ";

  /**
   * The console's static files: {@code webroot/nacos/...} in the jar, served at the same path; cached for a minute,
   * then revalidated ({@code Last-Modified}). The pattern leaves {@code /nacos/v1/...} to the API routes.
   */
  private static final String CONSOLE_WEBROOT = "webroot";
  private static final String CONSOLE_FILES = "^" + CONTEXT + "/(?!v1/).*";
  private static final long CONSOLE_MAX_AGE_SECONDS = 60;

  private final BeaconConfig config;
  private final Routes routes;
  private final Guard guard;
  private final NodeStatus status;
  private final Switches switches;
  private final RaftStatus raft;
  private final PrometheusMeterRegistry meterRegistry;
  private final AuthStats authStats;
  private HttpServer server;
  private ChangeStream changes;

  public HttpVerticle(BeaconConfig config, Routes routes, Guard guard, NodeStatus status, Switches switches,
                      RaftStatus raft, PrometheusMeterRegistry meterRegistry, AuthStats authStats) {
    this.config = config;
    this.routes = routes;
    this.guard = guard;
    this.status = status;
    this.switches = switches;
    this.raft = raft;
    this.meterRegistry = meterRegistry;
    this.authStats = authStats;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    // Bodies are read (form parameters merged) for the methods Nacos reads them for; a body sent with a GET is
    // ignored as Tomcat ignores it (BodyHandler would fail it with an IllegalStateException, a 500).
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.intValue(Setting.MAX_BODY_BYTES));
    router.route().handler(ctx -> {
      if (BODY_METHODS.contains(ctx.request().method())) {
        bodies.handle(ctx);
      } else {
        ctx.next();
      }
    });
    router.get("/ready").handler(ctx -> ready(ctx));
    router.get("/live").handler(ctx -> probe(ctx, true));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(meterRegistry));
    changes = new ChangeStream(vertx, guard);
    router.get(CONTEXT + ChangeStream.PATH).handler(this::changes);
    for (Routes.Route route : routes.all()) {
      RouteMeters meters = new RouteMeters(meterRegistry, CONTEXT + route.path(), route.method().name());
      router.route(route.method(), CONTEXT + route.path()).handler(ctx -> serve(ctx, route, meters));
    }
    console(router);
    RouteMeters unmatched = new RouteMeters(meterRegistry, "unmatched", "ANY");
    router.errorHandler(404, ctx -> unmatched.record(write(ctx.response(),
        Reply.error(404, "no such api:" + ctx.request().method() + ":" + ctx.request().path())), System.nanoTime()));
    router.errorHandler(405, ctx -> unmatched.record(write(ctx.response(),
        Reply.error(405, "method " + ctx.request().method() + " not allowed on " + ctx.request().path())),
        System.nanoTime()));
    router.errorHandler(413, ctx -> unmatched.record(write(ctx.response(),
        Reply.error(413, "request body larger than " + config.get(Setting.MAX_BODY_BYTES) + " bytes")),
        System.nanoTime()));
    router.errorHandler(400, ctx -> write(ctx.response(), Reply.error(400, "malformed request")));
    router.errorHandler(500, ctx -> write(ctx.response(), failure(ctx, ctx.failure())));
    // The Java client sends metadata in the query string; Tomcat (Nacos) accepts request lines up to 8 KB, Netty's
    // default is 4 KB: without this a register with a few KB of metadata gets 414 from Beacon only.
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setTcpNoDelay(true).setMaxInitialLineLength(MAX_REQUEST_LINE);
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  /**
   * The web console: {@code /} and {@code /nacos} redirect to {@code /nacos/}, files under {@code /nacos/} come from
   * the jar. Registered after the API and never for {@code /nacos/v1/...}, so API paths, known or not, answer as
   * the API does (an unknown one {@code 404 no such api}).
   */
  private void console(Router router) {
    router.get("/").handler(ctx -> ctx.redirect(CONTEXT + "/"));
    router.get(CONTEXT).handler(ctx -> {
      if (ctx.request().path().equals(CONTEXT)) {
        ctx.redirect(CONTEXT + "/");
      } else {
        ctx.next();
      }
    });
    StaticHandler files = StaticHandler.create(CONSOLE_WEBROOT).setCachingEnabled(true)
        .setMaxAgeSeconds(CONSOLE_MAX_AGE_SECONDS).setDirectoryListing(false).setIncludeHidden(false);
    router.routeWithRegex(CONSOLE_FILES).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
  }

  /** The console's live feed: readiness and the guard as for a list read, then a server-sent event stream. */
  private void changes(RoutingContext ctx) {
    if (!status.ready()) {
      write(ctx.response(), notServing(status.state().name()));
      return;
    }
    boolean loopback = fromLoopback(ctx);
    Future<Params> admitted;
    try {
      admitted = guard.admit(Access.READ, params(ctx), loopback);
    } catch (IllegalArgumentException e) {
      admitted = Future.failedFuture(malformed(e));
    }
    admitted.compose(p -> {
      try {
        changes.open(ctx.response(), p, loopback); // a malformed name or too many streams throw before writing
        return Future.succeededFuture();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }).onFailure(e -> write(ctx.response(), failure(ctx, e)));
  }

  @Override
  public Future<?> stop() {
    if (changes != null) {
      changes.closeAll();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void serve(RoutingContext ctx, Routes.Route route, RouteMeters meters) {
    long start = System.nanoTime();
    String refused = refusedBy(ctx, route);
    if (refused != null) {
      meters.record(write(ctx.response(), notServing(refused)), start);
      return;
    }
    Params params;
    try {
      params = params(ctx);
    } catch (IllegalArgumentException e) {
      meters.record(write(ctx.response(), failure(ctx, malformed(e))), start);
      return;
    }
    Future<Reply> reply;
    try {
      // The guard runs here, on the route that dispatches: any path Vert.x routes to this endpoint is checked.
      reply = guard.admit(route.access(), params, fromLoopback(ctx)).compose(admitted -> route.endpoint().handle(admitted));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> meters.record(write(ctx.response(),
        ar.succeeded() ? ar.result() : failure(ctx, ar.cause())), start));
  }

  /** Nacos's 503 while a node is not serving (starting, stopping, or switched to another state). */
  private static Reply notServing(String state) {
    return Reply.text(503, "server is " + state + "now, please try again later!");
  }

  /** Vert.x decodes the query lazily: a bad %-escape surfaces when it is read and is the client's mistake, a 400. */
  private static BeaconError malformed(IllegalArgumentException e) {
    return BeaconError.badRequest("malformed request parameters: " + e.getMessage());
  }

  /** The request's parameters; IllegalArgumentException for a malformed %-escape. */
  private static Params params(RoutingContext ctx) {
    String encodings = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
    return new Params(ctx.request().params(), userAgent(ctx), encodings != null && encodings.contains("gzip"),
        bearer(ctx), null);
  }

  /** A failure as Nacos answers it: {@code caused: <message>;}, or a refusal's 403 with Spring's JSON error body. */
  private Reply failure(RoutingContext ctx, Throwable cause) {
    Failure f = Failure.of(cause);
    if (!f.denied()) {
      return Reply.error(f.status(), f.message());
    }
    authStats.forbidden.increment();
    JsonObject body = new JsonObject().put("timestamp", Instant.now().toString()).put("status", 403)
        .put("error", "Forbidden").put("message", f.message()).put("path", ctx.request().path());
    return Reply.json(403, body);
  }

  /** The token of an {@code Authorization: Bearer <t>} header (case-sensitive, one space, as Nacos reads it). */
  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : null;
  }

  private static boolean fromLoopback(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    if (remote == null || remote.hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(remote.hostAddress()).isLoopbackAddress(); // an IP literal: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The server status that refuses this request, or null to serve it. Until ready the node's own state refuses all
   * but metrics and peers; once UP an {@code overriddenServerStatus} switch decides as Nacos' traffic filter does
   * (READ_ONLY serves reads, WRITE_ONLY writes, any other state but UP nothing), the switches and the status metrics
   * excepted so that an operator can see and turn it back.
   */
  private String refusedBy(RoutingContext ctx, Routes.Route route) {
    if (!status.ready()) {
      return route.action().endsWith(".metrics") || fromPeer(ctx) ? null : status.state().name();
    }
    String overridden = switches.overriddenServerStatus();
    if (overridden.isEmpty() || overridden.equals("UP") || route.action().contains(".switches")
        || route.action().endsWith(".metrics")) {
      return null;
    }
    boolean read = ctx.request().method() == HttpMethod.GET;
    if ((overridden.equals("READ_ONLY") && read) || (overridden.equals("WRITE_ONLY") && !read)) {
      return null;
    }
    return overridden;
  }

  private static String userAgent(RoutingContext ctx) {
    String ua = ctx.request().getHeader(HttpHeaders.USER_AGENT);
    return ua == null || ua.isEmpty() ? ctx.request().getHeader("Client-Version") : ua;
  }

  /**
   * A Nacos peer asking a starting node: served instead of 503 while auth is off (as before). With auth on no
   * client-supplied header earns anything (CVE-2021-29441). It never skips the guard, which runs after this.
   */
  private boolean fromPeer(RoutingContext ctx) {
    if (config.authEnabled()) {
      return false;
    }
    String ua = ctx.request().getHeader(HttpHeaders.USER_AGENT);
    return ua != null && ua.startsWith("Nacos-Server");
  }

  /** 200 while serving; a node whose persistent writes do not commit still serves reads and ephemeral writes. */
  private void ready(RoutingContext ctx) {
    if (!status.ready()) {
      probe(ctx, false);
    } else {
      write(ctx.response(), Reply.text(200, raft.commitProblem().map(p -> "UP; " + p).orElse("UP")));
    }
  }

  private static void probe(RoutingContext ctx, boolean ok) {
    write(ctx.response(), ok ? Reply.text(200, "UP") : Reply.text(503, "NOT READY"));
  }

  /** Writes the reply unless the response is already gone; returns its status. */
  private static int write(HttpServerResponse response, Reply reply) {
    if (response.ended() || response.closed()) {
      return reply.status();
    }
    Buffer body = reply.body();
    response.setStatusCode(reply.status()).putHeader(CONTENT_TYPE, reply.json() ? JSON : TEXT)
        .putHeader(CONTENT_LENGTH, String.valueOf(body.length()));
    if (reply.gzipped()) {
      response.putHeader(CONTENT_ENCODING, "gzip");
    }
    reply.headers().forEach(response::putHeader);
    response.end(body);
    return reply.status();
  }
}
