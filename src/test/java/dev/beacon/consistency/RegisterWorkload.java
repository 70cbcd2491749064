package dev.beacon.consistency;

import dev.beacon.consistency.Op.Kind;
import dev.beacon.consistency.Op.Outcome;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Closed-loop clients on the Nacos 1.x HTTP API, each op to a random node, every op recorded. A register is one
 * persistent instance ({@code ip:port}) of one service, its value the metadata entry {@code v}: a WRITE registers it
 * with a new, unique value, a DELETE deregisters it, a READ lists the service (every key at once: one READ op per
 * key, all with the list's invoke and return) and takes each key's {@code v} (absent when not listed). Health is not
 * part of the value: the server checks persistent instances and may mark them unhealthy; the list asks for all.
 *
 * <p>Answers: 200 {@code ok} is OK; 503 and a refused connection are FAIL (the server promises that such a write
 * never takes effect); anything else (timeout, reset, other status) is UNKNOWN. Reads that get no 200 are dropped.
 */
public final class RegisterWorkload {

  /** Longer than the Raft request timeout the cluster runs with, so a timeout here means "no answer". */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);

  private final IntFunction<String> host;
  private final int port;
  private final int[] targets;
  private final String service;
  private final List<String> keys;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();

  /**
   * {@code host}: a node's address; {@code targets}: the nodes the clients' ops go to, one at random per op;
   * {@code keys} instances {@code 127.0.0.1..keys} on one port.
   */
  public RegisterWorkload(IntFunction<String> host, int port, int[] targets, String service, int keys,
                          int instancePort) {
    this.host = host;
    this.port = port;
    this.targets = targets.clone();
    this.service = service;
    this.keys = new ArrayList<>();
    for (int k = 1; k <= keys; k++) {
      this.keys.add("127.0.0." + k + ":" + instancePort);
    }
  }

  public List<Op> history() {
    return List.copyOf(history);
  }

  /**
   * Runs {@code clients} clients until {@code length} has passed or each has done {@code maxOps}; returns when all
   * have stopped.
   */
  public void run(int clients, Duration length, int maxOps, long seed) throws InterruptedException {
    long end = System.nanoTime() + length.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 1; c <= clients; c++) {
      String name = "c" + c;
      Random random = new Random(seed * 31 + c);
      Thread t = new Thread(() -> {
        for (int n = 0; n < maxOps && System.nanoTime() < end; n++) {
          step(name, n, random);
        }
      }, "register-client-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(length.plus(REQUEST_TIMEOUT).plusSeconds(30).toMillis());
      if (t.isAlive()) {
        throw new IllegalStateException(t.getName() + " did not stop");
      }
    }
  }

  private void step(String client, int n, Random random) {
    int node = targets[random.nextInt(targets.length)];
    String key = keys.get(random.nextInt(keys.size()));
    int roll = random.nextInt(10);
    if (roll < 4) {
      write(client, node, key, client + "-" + n);
    } else if (roll == 4) {
      delete(client, node, key);
    } else {
      read(client, node);
    }
  }

  public void write(String client, int node, String key, String value) {
    Map<String, Object> params = instance(key);
    params.put("metadata", new JsonObject().put("v", value).encode());
    long invoke = System.nanoTime();
    Outcome outcome = writeOutcome(send(node, "POST", "/nacos/v1/ns/instance", params));
    history.add(new Op(client, node, Kind.WRITE, key, value, invoke, System.nanoTime(), outcome));
  }

  public void delete(String client, int node, String key) {
    long invoke = System.nanoTime();
    Outcome outcome = writeOutcome(send(node, "DELETE", "/nacos/v1/ns/instance", instance(key)));
    history.add(new Op(client, node, Kind.DELETE, key, null, invoke, System.nanoTime(), outcome));
  }

  /** One list through {@code node}: a READ of every key; returns whether it was answered. */
  public boolean read(String client, int node) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("serviceName", service);
    params.put("healthyOnly", "false");
    long invoke = System.nanoTime();
    Answer a = send(node, "GET", "/nacos/v1/ns/instance/list", params);
    long ret = System.nanoTime();
    if (a.status != 200) {
      return false;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Object h : new JsonObject(a.body).getJsonArray("hosts")) {
      JsonObject host = (JsonObject) h;
      JsonObject metadata = host.getJsonObject("metadata", new JsonObject());
      values.put(host.getString("ip") + ":" + host.getInteger("port"), metadata.getString("v", "<no v>"));
    }
    for (String key : keys) {
      history.add(new Op(client, node, Kind.READ, key, values.get(key), invoke, ret, Outcome.OK));
    }
    return true;
  }

  private Map<String, Object> instance(String key) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("serviceName", service);
    params.put("ip", key.substring(0, key.indexOf(':')));
    params.put("port", key.substring(key.indexOf(':') + 1));
    params.put("ephemeral", "false");
    return params;
  }

  private static Outcome writeOutcome(Answer a) {
    if (a.status == 200 && "ok".equals(a.body)) {
      return Outcome.OK;
    }
    return a.status == 503 || a.status == REFUSED ? Outcome.FAIL : Outcome.UNKNOWN;
  }

  private static final int REFUSED = -1;
  private static final int NO_ANSWER = -2;

  private record Answer(int status, String body) {
  }

  private Answer send(int node, String method, String path, Map<String, Object> params) {
    String query = params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.apply(node) + ":" + port + path + "?"
        + query)).timeout(REQUEST_TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      return new Answer(REFUSED, e.toString()); // never reached the node: the op did not happen
    } catch (IOException e) {
      return new Answer(NO_ANSWER, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(NO_ANSWER, e.toString());
    }
  }
}
