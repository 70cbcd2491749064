package dev.beacon.clients;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * What an application does with nacos-client, run in a JVM of its own against whichever nacos-client release line is
 * on its class path (only API every 1.x line has): register two instances that beat, discover them (list, healthy
 * selection, subscription), stay registered past the server's delete timeout, deregister one, find the service in
 * the server's list. Prints each step; exits 0 when all held, 1 with the failed step otherwise.
 * Arguments: server address, service name, how long the server keeps an instance without beats (ms).
 */
public final class ClientScenario {

  private static final long WAIT_MS = 20_000;

  private ClientScenario() {
  }

  public static void main(String[] args) throws Exception {
    String serverAddr = args[0];
    String service = args[1];
    long deleteTimeout = Long.parseLong(args[2]);
    String dir = Files.createTempDirectory("nacos-client").toString();
    System.setProperty("JM.SNAPSHOT.PATH", dir);
    System.setProperty("JM.LOG.PATH", dir);
    System.setProperty("com.alibaba.nacos.naming.cache.dir", dir);
    Properties props = new Properties();
    props.setProperty("serverAddr", serverAddr);
    props.setProperty("namingLoadCacheAtStart", "false");
    try {
      NamingService naming = NacosFactory.createNamingService(props);
      AtomicReference<List<Instance>> pushed = new AtomicReference<>();
      naming.registerInstance(service, instance("127.0.0.51"));
      step("registered", () -> count(naming, service) == 1);
      step("selectInstances(healthy)", () -> select(naming, service) == 1);
      // 1.2/1.3 tell a new listener the current list at once, 1.4 only on the next change: no step for that.
      naming.subscribe(service, e -> pushed.set(((NamingEvent) e).getInstances()));
      naming.registerInstance(service, instance("127.0.0.52"));
      step("told of the second instance", () -> pushed.get() != null && pushed.get().size() == 2);
      holds("beats keep both past the delete timeout", deleteTimeout * 2, () -> count(naming, service) == 2);
      naming.deregisterInstance(service, "127.0.0.52", 8080);
      step("deregistered", () -> count(naming, service) == 1 && pushed.get().size() == 1);
      step("listed by the server", () -> services(naming).contains(service));
      naming.deregisterInstance(service, "127.0.0.51", 8080);
      step("all gone", () -> count(naming, service) == 0);
      System.out.println("SCENARIO PASSED");
      System.exit(0);
    } catch (Throwable t) {
      System.out.println("SCENARIO FAILED: " + t);
      t.printStackTrace(System.out);
      System.exit(1);
    }
  }

  /** Beats every 500 ms (the client takes its period from this metadata). */
  private static Instance instance(String ip) {
    Instance i = new Instance();
    i.setIp(ip);
    i.setPort(8080);
    i.setWeight(1.0);
    Map<String, String> metadata = new HashMap<>();
    metadata.put("preserved.heart.beat.interval", "500");
    i.setMetadata(metadata);
    return i;
  }

  private static int count(NamingService naming, String service) {
    try {
      return naming.getAllInstances(service).size();
    } catch (Exception e) {
      throw new IllegalStateException("getAllInstances: " + e, e);
    }
  }

  private static int select(NamingService naming, String service) {
    try {
      return naming.selectInstances(service, true).size();
    } catch (Exception e) {
      throw new IllegalStateException("selectInstances: " + e, e);
    }
  }

  private static List<String> services(NamingService naming) {
    try {
      return naming.getServicesOfServer(1, 1000).getData();
    } catch (Exception e) {
      throw new IllegalStateException("getServicesOfServer: " + e, e);
    }
  }

  private static void step(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(50);
    }
    System.out.println("STEP " + what);
  }

  /** The condition holds at every check for the whole period. */
  private static void holds(String what, long millis, BooleanSupplier condition) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("stopped holding: " + what);
      }
      Thread.sleep(100);
    }
    System.out.println("STEP " + what);
  }
}
