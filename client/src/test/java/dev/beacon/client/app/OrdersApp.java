package dev.beacon.client.app;

import dev.beacon.client.BeaconCluster;
import dev.beacon.client.InstanceSpec;
import dev.beacon.client.NamingClient;
import io.vertx.core.Vertx;
import java.util.List;

public class OrdersApp {
  public static void main(String[] args) {
    String self = System.getenv().getOrDefault("APP_HOST", "127.0.0.1");        // reachable by the servers
    List<String> servers = List.of(System.getenv().getOrDefault("BEACON_MEMBERS", "127.0.0.1:5701").split(","));
    Vertx vertx = BeaconCluster.join(BeaconCluster.hazelcastConfig(self, 5801, servers), self).await();
    NamingClient naming = NamingClient.create(vertx);

    naming.register("orders", "DEFAULT_GROUP", InstanceSpec.of(self, 8080))       // beaten automatically
        .compose(v -> naming.subscribe("payments", "DEFAULT_GROUP",
            change -> System.out.println("payments now " + change.getJsonArray("hosts"))))
        .onSuccess(subscription -> System.out.println("registered; following payments"))
        .onFailure(e -> System.err.println("failed: " + e.getMessage()));

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      naming.close().await();                                                      // deregister, stop timers
      vertx.close().await();
    }));
  }
}
