package dev.beacon.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The gRPC scenarios (nacos-client 2.x's protocol on Beacon's HTTP port + 1000): {@code grpc-register} registers a new
 * instance per request (each connection holds one instance per service, so a register on a service the connection
 * already published replaces its entry, as a 2.x client's does), {@code grpc-query} reads the list service,
 * {@code grpc-deregister} sends register/deregister pairs (a pair on one connection, so each deregister removes what
 * its register published), {@code grpc-batch-register} publishes {@link #BATCH} new instances per request.
 */
final class GrpcScenarios {

  static final String REGISTER = "grpc-register";
  static final String QUERY = "grpc-query";
  static final String DEREGISTER = "grpc-deregister";
  static final String BATCH_REGISTER = "grpc-batch-register";
  static final int BATCH = 5;
  /** The protocol alone: a health check, answered without touching the registry. */
  static final String HEALTH = "grpc-health";
  static final int PORT_OFFSET = 1000;

  /** One request: its Payload type and JSON body, sent on connection {@code route} modulo their number. */
  record Call(String type, JsonObject body, long route) {
    Call(String type, JsonObject body) {
      this(type, body, -1);
    }
  }

  @FunctionalInterface
  interface CallSource {
    Call call(long seq);
  }

  private GrpcScenarios() {
  }

  static boolean isGrpc(String scenario) {
    return scenario.startsWith("grpc-");
  }

  static CallSource byName(String name, int registerServices) {
    return switch (name) {
      case REGISTER -> seq -> register("bench-grpc-" + (seq % registerServices), seq);
      case DEREGISTER -> seq -> {
        long pair = seq / 2;
        Call c = register("bench-grpc-d-" + (pair % registerServices), pair);
        if (seq % 2 == 1) {
          c.body().put("type", "deregisterInstance");
        }
        return new Call(c.type(), c.body(), pair);
      };
      case BATCH_REGISTER -> seq -> batch("bench-grpc-b-" + (seq % registerServices), seq);
      case QUERY -> seq -> new Call("ServiceQueryRequest", naming(Scenarios.LIST_SERVICE).put("cluster", "")
          .put("healthyOnly", false).put("udpPort", 0));
      case HEALTH -> seq -> new Call("HealthCheckRequest", new JsonObject().put("headers", new JsonObject())
          .put("module", "internal"));
      default -> throw new IllegalArgumentException("unknown gRPC scenario: " + name);
    };
  }

  static Call register(String service, long seq) {
    return new Call("InstanceRequest", naming(service).put("type", "registerInstance").put("instance", instance(seq)));
  }

  static Call batch(String service, long seq) {
    JsonArray instances = new JsonArray();
    for (int i = 0; i < BATCH; i++) {
      instances.add(instance(seq * BATCH + i));
    }
    return new Call("BatchInstanceRequest", naming(service).put("type", "batchRegisterInstance")
        .put("instances", instances));
  }

  private static JsonObject instance(long seq) {
    return new JsonObject().put("ip", Scenarios.ip(seq)).put("port", Scenarios.port(seq)).put("weight", 1.0)
        .put("healthy", true).put("enabled", true).put("ephemeral", true).put("clusterName", "DEFAULT")
        .put("metadata", new JsonObject().put("version", "1.0").put("env", "bench"));
  }

  private static JsonObject naming(String service) {
    return new JsonObject().put("headers", new JsonObject()).put("namespace", "public").put("serviceName", service)
        .put("groupName", "DEFAULT_GROUP").put("module", "naming");
  }

  /** A worker's share of gRPC connections, each set up as a 2.x client sets it up; requests go round robin. */
  static final class Channel implements LoadGenerator.Channel {
    private final String host;
    private final int port;
    private final CallSource source;
    private final int window;
    private final List<NacosGrpc> connections = new ArrayList<>();

    Channel(String host, int grpcPort, CallSource source, int window) {
      this.host = host;
      this.port = grpcPort;
      this.source = source;
      this.window = window;
    }

    @Override
    public Future<Void> open(Vertx vertx, int count, int inflight) {
      List<Future<NacosGrpc>> opening = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        opening.add(NacosGrpc.connect(vertx, host, port, window).onSuccess(connections::add));
      }
      return Future.all(opening).mapEmpty();
    }

    @Override
    public Future<Integer> send(long seq, long[] bytes) {
      Call c = source.call(seq);
      long route = c.route() < 0 ? seq : c.route();
      return connections.get((int) (route % connections.size())).callRaw(NacosGrpc.encode(c.type(), c.body()))
          .map(answer -> {
            bytes[0] += answer.length();
            return NacosGrpc.resultCode(answer);
          });
    }

    @Override
    public Future<Void> close() {
      return Future.join(connections.stream().map(NacosGrpc::close).toList()).mapEmpty();
    }
  }
}
