package dev.beacon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the benchmark: {@code --key=value} or bare {@code --flag}; unknown keys fail fast. */
public final class BenchOptions {

  /** key → [default, meaning]; the one place every option is declared. */
  private static final Map<String, String[]> KNOWN = new LinkedHashMap<>();

  static {
    def("duration", "10s", "measured time per scenario (bounded also by max-requests)");
    def("warmup", "5s", "warm-up per scenario, excluded from the numbers (JIT of both sides)");
    def("max-requests", "3000000", "most measured requests per scenario (bounded also by duration)");
    def("connections", "64", "HTTP/1.1 keep-alive connections of the load generator");
    def("inflight", "1", "in-flight requests per connection (>1 turns on HTTP pipelining)");
    def("client-threads", "2", "event loops of the load generator (connections are split across them)");
    def("request-timeout", "30s", "a request with no response for this long fails (counted as an error)");
    def("scenarios", "floor,register,beat,list,mixed,grpc-register,grpc-deregister,grpc-batch-register,grpc-query,"
        + "auth-register,auth-beat,auth-list", "which throughput scenarios to run, comma separated (floor: measure"
        + " each against the floor in alternating rounds; grpc-*: nacos-client 2.x's protocol, also grpc-health;"
        + " auth-<name>: <name> against a second server with auth on, each request with a token)");
    def("rounds", "3", "rounds per scenario, floor and Beacon alternating; figures are the medians");
    def("round-warmup", "1s", "warm-up of the rounds after the first (both JVMs are warm by then)");
    def("targets", "grpc-register=0.5,grpc-deregister=0.5,grpc-batch-register=0.5,grpc-query=0.8",
        "least rate as a multiple of the floor's, per scenario; a miss prints !!! and exits 2 (empty: none)");
    def("p99-bound", "3", "most p99 as a multiple of the floor's p99, for the scenarios with a target");
    def("grpc-window", "1048576", "HTTP/2 stream and connection window of the gRPC generator (grpc-java's; 65535 ="
        + " HTTP/2's default)");
    def("memory", "false", "run only the memory scenario (bare flag)");
    def("all", "false", "run the throughput scenarios and the memory scenario (bare flag)");
    def("beacon-jar", "", "path of beacon.jar; empty = <repo>/target/beacon.jar found from here");
    def("beacon-url", "", "use an already running server at this loopback URL instead of starting the jar");
    def("beacon-pid", "", "pid of the server given by --beacon-url (for jcmd/jstat in --memory)");
    def("compare-url", "", "a second server on loopback (e.g. Nacos), measured in the same alternating rounds");
    def("compare-jar", "", "a second Beacon jar (e.g. an older build) started and measured in the same rounds");
    def("server-jvm-opts", "-Xms1g -Xmx1g -XX:+UseG1GC", "JVM flags of the floor and Beacon child processes");
    def("server-args", "", "extra --key=value arguments for Beacon, space separated");
    def("startup-timeout", "90s", "longest wait for a child server to answer ready");
    def("beat-instances", "10000", "instances pre-registered for the beat scenario");
    def("list-instances", "200", "instances of the service read by the list scenario");
    def("register-services", "1000", "services the register scenario spreads its instances over");
    def("mixed-pool", "1000", "instances the mixed scenario registers and deregisters in turn");
    def("memory-instances", "1000000", "ephemeral instances registered by the memory scenario");
    def("memory-per-service", "100", "instances per service in the memory scenario");
    def("memory-xmx", "2g", "-Xmx of the Beacon process in the memory scenario");
    def("memory-timeout", "15m", "longest time the memory scenario may spend registering");
    def("idle-seconds", "10", "seconds of idle allocation sampling with jstat");
    def("grpc-conns", "false", "run only the gRPC connections scenario (bare flag; --all includes it)");
    def("grpc-conns-count", "10000", "gRPC connections, one instance each, in the gRPC connections scenario");
    def("grpc-conns-timeout", "60s", "the gRPC connections scenario should register all within this");
    def("grpc-push", "false", "run only the gRPC push latency scenario (bare flag; --all includes it)");
    def("push-subscribers", "1,100,1000", "subscriber counts of the gRPC push scenario, one measurement each");
    def("push-changes", "50", "registrations timed per subscriber count in the gRPC push scenario");
    def("push-p99-target-ms", "50", "push p99 (ms) at 1,000 or more subscribers; a miss prints !!! and exits 2");
    def("out", "", "results JSON path; empty = bench/target/results.json");
    def("help", "false", "print the options (bare flag)");
  }

  private static void def(String key, String dflt, String meaning) {
    KNOWN.put(key, new String[] {dflt, meaning});
  }

  private final Map<String, String> values = new LinkedHashMap<>();

  private BenchOptions() {
    KNOWN.forEach((k, v) -> values.put(k, v[0]));
  }

  public static BenchOptions parse(String[] args) {
    BenchOptions o = new BenchOptions();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("options are --key=value or --flag, got: " + arg);
      }
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value = eq < 0 ? "true" : arg.substring(eq + 1);
      if (!KNOWN.containsKey(key)) {
        throw new IllegalArgumentException("unknown option --" + key + "\n" + usage());
      }
      o.values.put(key, value.trim());
    }
    return o;
  }

  public static String usage() {
    StringBuilder sb = new StringBuilder("usage: java -jar bench/target/beacon-bench.jar [options]\n");
    KNOWN.forEach((k, v) -> sb.append(String.format("  --%-20s %s (default: %s)%n", k, v[1], v[0].isEmpty() ? "\"\"" : v[0])));
    return sb.toString();
  }

  public String get(String key) {
    if (!values.containsKey(key)) {
      throw new IllegalStateException("undeclared option " + key);
    }
    return values.get(key);
  }

  public boolean flag(String key) {
    return Boolean.parseBoolean(get(key));
  }

  public int intValue(String key) {
    return Integer.parseInt(get(key).replace("_", ""));
  }

  public long longValue(String key) {
    return Long.parseLong(get(key).replace("_", ""));
  }

  /** {@code 500ms}, {@code 10s}, {@code 2m}, or a bare number of seconds. */
  public Duration duration(String key) {
    String v = get(key).toLowerCase();
    if (v.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    } else if (v.endsWith("s")) {
      return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
    } else if (v.endsWith("m")) {
      return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
    }
    return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
  }

  public List<String> list(String key) {
    List<String> out = new ArrayList<>();
    for (String s : get(key).split("[,\\s]+")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  public Map<String, String> asMap() {
    return new LinkedHashMap<>(values);
  }
}
