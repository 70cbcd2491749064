package dev.beacon.client.app;

import dev.beacon.client.BeaconCluster;
import dev.beacon.client.ChangeSubscription;
import dev.beacon.client.InstanceSpec;
import dev.beacon.client.NamingClient;
import dev.beacon.client.NamingClientOptions;
import dev.beacon.client.NamingProtocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Vert.x application that uses Beacon only through the beacon-client artifact: run in a JVM whose class path is
 * that jar, vertx-core, vertx-hazelcast and their dependencies (and this class), driven line by line over stdin by
 * {@code NamingClientProcessIT}. It joins the servers' cluster as {@link BeaconCluster} does (a lite member), then
 * answers each command with one line, {@code OK …} or {@code ERR …}; change events print as
 * {@code EVENT <service> <hosts>} when they arrive.
 *
 * <p>Arguments: the address to bind and announce, its Hazelcast port, the servers' Hazelcast members (comma-separated),
 * the beat interval, the request timeout and the interest period in ms.
 */
public final class AppAgent {

  private final NamingClient naming;
  private final Map<String, ChangeSubscription> subscriptions = new ConcurrentHashMap<>();
  /** Messages this application sent to the servers' addresses (requests, interest) since the count was reset. */
  private final AtomicInteger sent = new AtomicInteger();

  private AppAgent(Vertx vertx, NamingClient naming) {
    this.naming = naming;
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (ctx.message().address().startsWith(NamingProtocol.API)) {
        sent.incrementAndGet();
      }
      ctx.next();
    });
  }

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    List<String> members = List.of(args[2].split(","));
    Vertx vertx = BeaconCluster.join(BeaconCluster.hazelcastConfig(host, port, members), host)
        .await(60, TimeUnit.SECONDS);
    NamingClient naming = NamingClient.create(vertx, new NamingClientOptions()
        .setBeatInterval(Long.parseLong(args[3])).setRequestTimeout(Long.parseLong(args[4]))
        .setInterestPeriod(Long.parseLong(args[5])));
    AppAgent agent = new AppAgent(vertx, naming);
    System.out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String reply;
      try {
        reply = agent.run(line.trim().split(" "));
      } catch (Throwable t) {
        Throwable cause = t.getCause() != null ? t.getCause() : t;
        reply = "ERR " + cause.toString().replace('\n', ' ');
      }
      System.out.println(reply);
      if (line.equals("quit")) {
        break;
      }
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    System.exit(0);
  }

  private String run(String[] c) throws Exception {
    switch (c[0]) {
      case "register" -> await(naming.register(c[1], null, InstanceSpec.of(c[2], Integer.parseInt(c[3]))));
      case "deregister" -> await(naming.deregister(c[1], null, InstanceSpec.of(c[2], Integer.parseInt(c[3]))));
      case "list" -> {
        long start = System.nanoTime();
        List<JsonObject> hosts = await(naming.getInstances(c[1], null, false));
        return "OK " + (System.nanoTime() - start) / 1_000_000 + " " + hosts(hosts);
      }
      case "select" -> {
        JsonObject h = await(naming.selectOneHealthy(c[1], null));
        return "OK " + h.getString("ip") + ":" + h.getInteger("port");
      }
      case "subscribe" -> subscriptions.put(c[1], await(naming.subscribe(c[1], null, event ->
          System.out.println("EVENT " + c[1] + " " + hosts(event.getJsonArray(NamingProtocol.HOSTS).getList())))));
      case "unsubscribe" -> await(subscriptions.remove(c[1]).unsubscribe());
      case "close" -> {
        await(naming.close());
        sent.set(0);
      }
      case "sent" -> {
        return "OK " + sent.get();
      }
      case "quit" -> {
      }
      default -> {
        return "ERR unknown command " + c[0];
      }
    }
    return "OK";
  }

  /** "ip:port,ip:port" sorted, "-" for none. */
  private static String hosts(List<?> hosts) {
    TreeSet<String> out = new TreeSet<>();
    for (Object h : hosts) {
      JsonObject host = h instanceof JsonObject j ? j : new JsonObject((Map<String, Object>) h);
      out.add(host.getString("ip") + ":" + host.getInteger("port"));
    }
    return out.isEmpty() ? "-" : String.join(",", out);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }
}
