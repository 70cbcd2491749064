package dev.beacon.bench;

import dev.beacon.bench.LoadGenerator.Req;
import dev.beacon.bench.LoadGenerator.RequestSource;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The request shapes of every scenario, as pure functions of a sequence number. Instance addresses are always
 * loopback (127.a.b.c); they are only registered, never contacted.
 */
public final class Scenarios {

  public static final String INSTANCE = "/nacos/v1/ns/instance";
  public static final String BEAT = "/nacos/v1/ns/instance/beat";
  public static final String LIST = "/nacos/v1/ns/instance/list";
  public static final String METRICS = "/nacos/v1/ns/operator/metrics";
  public static final String LIST_SERVICE = "bench-list";
  public static final String LIST_URI = LIST + "?serviceName=" + LIST_SERVICE + "&healthyOnly=true";
  public static final String METADATA =
      URLEncoder.encode("{\"version\":\"1.0\",\"env\":\"bench\"}", StandardCharsets.UTF_8);

  private static final int BEAT_SERVICES = 100;
  private static final int MIXED_SERVICES = 10;

  private final int beatInstances;
  private final int listInstances;
  private final int registerServices;
  private final int mixedPool;

  public Scenarios(int beatInstances, int listInstances, int registerServices, int mixedPool) {
    this.beatInstances = beatInstances;
    this.listInstances = listInstances;
    this.registerServices = registerServices;
    this.mixedPool = mixedPool;
  }

  /** Instance number {@code i} → 127.a.b.c, each octet 1..250, so 15,625,000 distinct addresses. */
  public static String ip(long i) {
    return "127." + (1 + (i / 62_500) % 250) + "." + (1 + (i / 250) % 250) + "." + (1 + i % 250);
  }

  /** Instance number {@code i} → a port; together with {@link #ip} distinct for every i below 15,625,000 × 50,000. */
  public static int port(long i) {
    return 10_000 + (int) ((i / 15_625_000) % 50_000);
  }

  static String instanceQuery(String service, long i) {
    return "?serviceName=" + service + "&ip=" + ip(i) + "&port=" + port(i);
  }

  static Req register(String service, long i) {
    return new Req(HttpMethod.POST, INSTANCE + instanceQuery(service, i) + "&ephemeral=true&metadata=" + METADATA);
  }

  static Req deregister(String service, long i) {
    return new Req(HttpMethod.DELETE, INSTANCE + instanceQuery(service, i) + "&ephemeral=true");
  }

  static String beatService(long i) {
    return "bench-beat-" + (i % BEAT_SERVICES);
  }

  static Req beat(long i) {
    return new Req(HttpMethod.PUT, BEAT + instanceQuery(beatService(i), i));
  }

  static final Req LIST_REQ = new Req(HttpMethod.GET, LIST_URI);

  // ---- setup (fixed work, not measured) ----

  /** Registers beat-pool instance {@code seq} (run exactly {@code beatInstances} times). */
  public RequestSource setupBeatPool() {
    return seq -> register(beatService(seq), seq);
  }

  /** Registers instance {@code seq} of the list service (run exactly {@code listInstances} times). */
  public RequestSource setupListService() {
    return seq -> register(LIST_SERVICE, seq);
  }

  public int beatInstances() {
    return beatInstances;
  }

  public int listInstances() {
    return listInstances;
  }

  // ---- measured scenarios ----

  /** The floor answers any path: it is given the list request, the most common one. */
  public RequestSource floor() {
    return seq -> LIST_REQ;
  }

  /** A new instance per request, spread over {@code registerServices} services. */
  public RequestSource register() {
    return seq -> register("bench-reg-" + (seq % registerServices), seq);
  }

  /** Light beats (no body) cycling through the pre-registered beat pool. */
  public RequestSource beat() {
    return seq -> beat(seq % beatInstances);
  }

  public RequestSource list() {
    return seq -> LIST_REQ;
  }

  /** 90% list, 9% beat, 1% register/deregister, alternately, of a pool of {@code mixedPool} instances. */
  public RequestSource mixed() {
    return seq -> {
      int r = (int) (seq % 100);
      if (r < 90) {
        return LIST_REQ;
      } else if (r < 99) {
        return beat((seq * 7919) % beatInstances);
      }
      long op = seq / 100;
      long instance = (op / 2) % mixedPool;
      String service = "bench-mixed-" + (instance % MIXED_SERVICES);
      return op % 2 == 0 ? register(service, instance) : deregister(service, instance);
    };
  }

  /** Memory scenario: instance {@code seq} in service {@code bench-mem-<seq / perService>}. */
  public static RequestSource memory(int perService) {
    return seq -> register("bench-mem-" + (seq / perService), seq);
  }

  public RequestSource byName(String name) {
    return switch (name) {
      case "floor" -> floor();
      case "register" -> register();
      case "beat" -> beat();
      case "list" -> list();
      case "mixed" -> mixed();
      default -> throw new IllegalArgumentException("unknown scenario " + name
          + " (known: floor, register, beat, list, mixed)");
    };
  }
}
