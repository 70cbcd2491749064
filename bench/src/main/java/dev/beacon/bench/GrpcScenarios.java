package dev.beacon.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The gRPC scenarios (nacos-client 2.x's protocol on Beacon's HTTP port + 1000): {@code grpc-register} registers a new
 * instance per request (each connection holds one instance per service, so a register on a service the connection
 * already published replaces its entry, as a 2.x client's does), {@code grpc-query} reads the list service.
 */
final class GrpcScenarios {

  static final String REGISTER = "grpc-register";
  static final String QUERY = "grpc-query";
  /** The protocol alone: a health check, answered without touching the registry. */
  static final String HEALTH = "grpc-health";
  static final int PORT_OFFSET = 1000;

  /** One request: its Payload type and JSON body. */
  record Call(String type, JsonObject body) {
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
      case QUERY -> seq -> new Call("ServiceQueryRequest", naming(Scenarios.LIST_SERVICE).put("cluster", "")
          .put("healthyOnly", false).put("udpPort", 0));
      case HEALTH -> seq -> new Call("HealthCheckRequest", new JsonObject().put("headers", new JsonObject())
          .put("module", "internal"));
      default -> throw new IllegalArgumentException("unknown gRPC scenario: " + name);
    };
  }

  static Call register(String service, long seq) {
    return new Call("InstanceRequest", naming(service).put("type", "registerInstance").put("instance",
        new JsonObject().put("ip", Scenarios.ip(seq)).put("port", Scenarios.port(seq)).put("weight", 1.0)
            .put("healthy", true).put("enabled", true).put("ephemeral", true).put("clusterName", "DEFAULT")
            .put("metadata", new JsonObject().put("version", "1.0").put("env", "bench"))));
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
    private final List<NacosGrpc> connections = new ArrayList<>();

    Channel(String host, int grpcPort, CallSource source) {
      this.host = host;
      this.port = grpcPort;
      this.source = source;
    }

    @Override
    public Future<Void> open(Vertx vertx, int count, int inflight) {
      List<Future<NacosGrpc>> opening = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        opening.add(NacosGrpc.connect(vertx, host, port).onSuccess(connections::add));
      }
      return Future.all(opening).mapEmpty();
    }

    @Override
    public Future<Integer> send(long seq, long[] bytes) {
      Call c = source.call(seq);
      return connections.get((int) (seq % connections.size())).call(c.type(), c.body()).map(answer -> {
        bytes[0] += answer[1].length();
        return new JsonObject(answer[1]).getInteger("resultCode", 0);
      });
    }

    @Override
    public Future<Void> close() {
      return Future.join(connections.stream().map(NacosGrpc::close).toList()).mapEmpty();
    }
  }
}
