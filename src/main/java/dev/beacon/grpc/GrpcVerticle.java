package dev.beacon.grpc;

import dev.beacon.api.Failure;
import dev.beacon.api.Guard;
import dev.beacon.api.NamingRequests;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.core.Addresses;
import dev.beacon.core.NodeStatus;
import dev.beacon.registry.ConsistentReads;
import dev.beacon.registry.Registry;
import dev.beacon.registry.ServiceChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Nacos 2.x gRPC API (nacos-client 2.x) on {@code grpc-port}: plaintext HTTP/2, the unary {@code /Request/request}
 * and the bidirectional {@code /BiRequestStream/requestBiStream}, both carrying {@link Payload}s. One instance per
 * event loop on the same port: each owns the connections Vert.x hands it (their table, push state and timers) without
 * locks; the lease holder counts are shared ({@link Leases}). Requests become the same registry commands the HTTP API
 * sends.
 */
public final class GrpcVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(GrpcVerticle.class.getName());

  private static final ServiceMethod<Buffer, Buffer> REQUEST = ServiceMethod.server(ServiceName.create("Request"),
      "request", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);
  private static final ServiceMethod<Buffer, Buffer> BI_STREAM = ServiceMethod.server(
      ServiceName.create("BiRequestStream"), "requestBiStream", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);
  /** The client's inbound limit is 10 MiB; a batch as large is accepted, with room for the envelope. */
  private static final long MAX_MESSAGE = 16L * 1024 * 1024;
  private static final Set<String> SERVED = Set.of("ServerCheckRequest", "HealthCheckRequest", "InstanceRequest",
      "BatchInstanceRequest", "ServiceQueryRequest", "SubscribeServiceRequest", "ServiceListRequest");
  private static final byte[] HEALTHY = NamingRpc.ok("HealthCheckResponse", new JsonObject()).encode().getBytes();
  /**
   * HTTP/2 flow-control window of every stream and of the connection, as grpc-java's server sizes it (1 MiB) instead of
   * HTTP/2's 64 KB: a large batch register is not held up by WINDOW_UPDATE round trips. (Answers are limited by the
   * window the client grants: nacos-client 2.x's grpc-java grants 1 MiB.)
   */
  private static final int WINDOW = 1024 * 1024;
  /** On shutdown, calls in flight get this long; the clients then reconnect to another server and redo. */
  private static final long DRAIN_MILLIS = 1000;

  private final BeaconConfig config;
  private final Registry registry;
  private final NodeStatus status;
  private final MeterRegistry meters;
  private final Map<HttpConnection, GrpcConnection> connections = new HashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Leases leases;
  private final GrpcStats stats;
  private final Guard guard;
  private final ConsistentReads reads;
  private final Runnable forbidden;
  private GrpcPush push;
  private NamingRpc naming;
  private HttpServer server;
  /** Set on shutdown: connections then close without taking their instances along (their clients redo elsewhere). */
  private boolean stopping;

  /**
   * One instance per event loop, all on one port (Vert.x hands each new connection to the next); {@code leases} and
   * {@code stats} are shared by the instances of a node. {@code forbidden} counts a request refused by auth.
   */
  public GrpcVerticle(BeaconConfig config, Registry registry, Leases leases, GrpcStats stats, NodeStatus status,
                      MeterRegistry meters, Guard guard, ConsistentReads reads, Runnable forbidden) {
    this.config = config;
    this.registry = registry;
    this.status = status;
    this.meters = meters;
    this.leases = leases;
    this.stats = stats;
    this.guard = guard;
    this.reads = reads;
    this.forbidden = forbidden;
  }


  @Override
  public Future<?> start() {
    push = new GrpcPush(vertx, registry, config.millis(Setting.PUSH_DELAY), config.millis(Setting.PUSH_ACK_TIMEOUT),
        config.intValue(Setting.PUSH_RETRIES), stats);
    naming = new NamingRpc(registry, leases, push, guard);
    GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(MAX_MESSAGE));
    grpc.callHandler(REQUEST, this::unary);
    grpc.callHandler(BI_STREAM, this::stream);
    vertx.setPeriodic(config.millis(Setting.BEAT_INTERVAL), id -> leases.renew(connections.values()));
    vertx.eventBus().<ServiceChanges>localConsumer(Addresses.SERVICE_CHANGES,
        m -> m.body().changes().forEach(c -> push.changed(c.key())));
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.grpcPort())
        .setTcpNoDelay(true).setInitialSettings(new Http2Settings().setInitialWindowSize(WINDOW))
        .setHttp2ConnectionWindowSize(WINDOW).setIdleTimeout((int) config.millis(Setting.GRPC_IDLE_TIMEOUT))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    return vertx.createHttpServer(options).requestHandler(grpc).listen()
        .onSuccess(s -> {
          server = s;
          LOG.info("gRPC API (nacos-client 2.x) on " + config.host() + ":" + s.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return server == null ? Future.succeededFuture() : server.shutdown(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void unary(GrpcServerRequest<Buffer, Buffer> request) {
    GrpcConnection conn = connection(request.connection());
    request.handler(bytes -> {
      long start = System.nanoTime();
      Payload in;
      try {
        in = Payload.decode(bytes);
      } catch (RpcFailure e) {
        request.response().send(error(e.code(), e.getMessage()).encode());
        return;
      }
      Future<Buffer> reply;
      try {
        reply = dispatch(conn, in);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.recover(e -> Future.succeededFuture(failure(in.type(), e).encode())).onSuccess(out -> {
        timer(in.type()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        request.response().send(out);
      });
    });
  }

  /** The encoded answer to a request; a failed future (or exception) becomes an error answer in {@link #unary}. */
  private Future<Buffer> dispatch(GrpcConnection conn, Payload in) {
    if (!status.ready()) {
      throw new RpcFailure(RpcFailure.INVALID_SERVER_STATUS, "server is " + status.state() + " now");
    }
    if (in.type().equals("ServerCheckRequest")) {
      return Future.succeededFuture(NamingRpc.ok("ServerCheckResponse",
          new JsonObject().put("connectionId", conn.id).put("supportAbilityNegotiation", true)).encode());
    }
    if (!conn.registered()) {
      throw new RpcFailure(RpcFailure.UN_REGISTER, "Connection is unregistered.");
    }
    return switch (in.type()) {
      case "HealthCheckRequest" -> Future.succeededFuture(Payload.shared(HEALTHY));
      case "InstanceRequest" -> naming.admitted(in, true, (body, p) -> naming.instance(conn, body, p));
      case "BatchInstanceRequest" -> naming.admitted(in, true, (body, p) -> naming.batch(conn, body, p));
      // Reads wait where they may show persistent data (ConsistentReads), as over HTTP.
      case "ServiceQueryRequest" -> naming.admitted(in, false,
          (body, p) -> reads.service(NamingRequests.serviceKey(p)).map(v -> naming.query(body, p)));
      case "SubscribeServiceRequest" -> naming.admitted(in, false,
          (body, p) -> reads.service(NamingRequests.serviceKey(p)).map(v -> naming.subscribe(conn, body, p).encode()));
      case "ServiceListRequest" -> naming.admitted(in, false,
          (body, p) -> reads.namespace().map(v -> naming.serviceList(p).encode()));
      default -> throw new RpcFailure(RpcFailure.NO_HANDLER, "RequestHandler Not Found: " + in.type());
    };
  }

  /** The bi-stream: first the set-up, then the client's answers to pushes. */
  private void stream(GrpcServerRequest<Buffer, Buffer> request) {
    GrpcConnection conn = connection(request.connection());
    request.handler(bytes -> {
      Payload in;
      try {
        in = Payload.decode(bytes);
        if (!conn.registered()) {
          setUp(conn, request, in);
        } else if (!push.acknowledged(conn, in.body().getString("requestId", ""))) {
          LOG.fine(() -> "unexpected " + in.type() + " on the stream of " + conn);
        }
      } catch (RpcFailure e) {
        LOG.fine(() -> "bad message on the stream of " + conn + ": " + e.getMessage());
      }
    });
    request.endHandler(v -> close(conn, "stream ended"));
    request.exceptionHandler(e -> close(conn, "stream failed: " + e.getMessage()));
  }

  private void setUp(GrpcConnection conn, GrpcServerRequest<Buffer, Buffer> request, Payload in) {
    if (!in.type().equals("ConnectionSetupRequest")) {
      LOG.fine(() -> "stream of " + conn + " began with " + in.type() + ", not a set-up: closed");
      request.response().end();
      return;
    }
    JsonObject body = in.body();
    conn.stream = request.response();
    // Interned: thousands of connections share a handful of client versions.
    conn.clientVersion = body.getString("clientVersion", "").intern();
    LOG.fine(() -> "gRPC connection " + conn + " from " + conn.http.remoteAddress() + " set up");
    // A client that sent an ability table waits for this (5 s) before it counts the connection as ready. An empty
    // table: persistent instances then go over HTTP, where they are served.
    if (body.containsKey("abilityTable")) {
      conn.stream.write(Payload.of("SetupAckRequest", new JsonObject().put("abilityTable", new JsonObject())
          .put("module", "internal").put("headers", new JsonObject())).encode());
    }
  }

  /** The connection of an HTTP/2 connection, made (not yet set up) on its first call. */
  private GrpcConnection connection(HttpConnection http) {
    GrpcConnection conn = connections.get(http);
    if (conn == null) {
      conn = new GrpcConnection(System.currentTimeMillis() + "_" + http.remoteAddress().hostAddress() + "_"
          + http.remoteAddress().port() + "_" + stats.connectionIds.incrementAndGet(), http);
      connections.put(http, conn);
      stats.connections.increment();
      GrpcConnection made = conn;
      http.closeHandler(v -> close(made, "connection closed"));
    }
    return conn;
  }

  private void close(GrpcConnection conn, String why) {
    if (connections.remove(conn.http) == null) {
      return;
    }
    stats.connections.decrement();
    LOG.fine(() -> "gRPC connection " + conn + " removed: " + why);
    push.unsubscribeAll(conn);
    if (!stopping) {
      leases.releaseAll(conn);
    }
    conn.http.close();
  }

  private Payload failure(String type, Throwable e) {
    if (e instanceof RpcFailure f) {
      return error(f.code(), f.getMessage());
    }
    Failure f = Failure.of(e);
    if (f.status() == 500) { // a bug, logged by Failure: the protocol's generic error
      return error(500, f.message());
    }
    if (f.denied()) { // as Nacos's auth filter: the expected type with errorCode 403, on which the client logs in again
      forbidden.run();
    }
    return NamingRpc.refused(responseType(type), f);
  }

  /** {@code InstanceRequest} → {@code InstanceResponse}, and so on; the client checks the type it gets. */
  private static String responseType(String requestType) {
    return switch (requestType) {
      case "ServiceQueryRequest" -> "QueryServiceResponse";
      case "SubscribeServiceRequest" -> "SubscribeServiceResponse";
      case "ServiceListRequest" -> "ServiceListResponse";
      case "BatchInstanceRequest" -> "BatchInstanceResponse";
      default -> requestType.endsWith("Request")
          ? requestType.substring(0, requestType.length() - "Request".length()) + "Response" : "ErrorResponse";
    };
  }

  private static Payload error(int code, String message) {
    return Payload.of("ErrorResponse", new JsonObject().put("resultCode", 500)
        .put("errorCode", code).put("message", message).put("success", false));
  }

  private Timer timer(String type) {
    // Only the types served get a timer of their own: a client must not mint meters with made-up types.
    return timers.computeIfAbsent(SERVED.contains(type) ? type : "other", t -> Timer.builder("beacon.grpc.requests")
        .description("gRPC requests of nacos-client 2.x, by payload type").tag("type", t).register(meters));
  }
}
