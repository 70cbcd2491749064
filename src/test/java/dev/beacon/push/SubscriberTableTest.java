package dev.beacon.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beacon.model.ServiceKey;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubscriberTableTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final SubscriberTable table = new SubscriberTable(100, now::get);
  private final ServiceKey orders = ServiceKey.of("public", "DEFAULT_GROUP", "orders");

  @Test
  void sameQueryRefreshesOneSubscriberAndDifferentClustersOrAgentsAreSeparate() {
    table.subscribe(orders, "", "127.0.0.1", 5000, "Nacos-Java-Client:v1.4.8", "app");
    now.addAndGet(50);
    table.subscribe(orders, "", "127.0.0.1", 5000, "Nacos-Java-Client:v1.4.8", "app");
    assertEquals(1, table.list(orders).size());
    assertEquals(1_050, table.list(orders).get(0).lastRefTime());
    table.subscribe(orders, "A", "127.0.0.1", 5000, "Nacos-Java-Client:v1.4.8", "app");
    table.subscribe(orders, "", "127.0.0.1", 5000, "Nacos-Go-Client:v1.0.0", "app");
    assertEquals(3, table.list(orders).size());
    assertEquals(0, table.list(ServiceKey.of("public", "DEFAULT_GROUP", "other")).size());
  }

  @Test
  void subscriberNotRefreshedWithinTheTtlIsSkippedThenSwept() {
    table.subscribe(orders, "", "127.0.0.1", 5000, "Nacos-Java-Client:v1.4.8", "");
    now.addAndGet(60);
    table.subscribe(orders, "", "127.0.0.2", 5000, "Nacos-Java-Client:v1.4.8", "");
    now.addAndGet(60);
    assertEquals(1, table.list(orders).size(), "the first one is a zombie");
    assertEquals(2, table.size(), "still held until swept");
    assertEquals(1, table.sweep());
    assertEquals(1, table.size());
    assertEquals(1, table.stats().getSubscribers());
    now.addAndGet(200);
    assertEquals(1, table.sweep());
    assertEquals(0, table.size());
  }
}
