package dev.beacon.support;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applications as they use a registry: one real nacos-client 1.4.x per {@link ProcessCluster} node ("home"), each
 * registering ephemeral instances of a set of services through that node only and beating through it, re-registering
 * when its node answers a beat with 20404, exactly as nacos-client does. Remembers what is registered, so a test can
 * ask every node for exactly that set. Instance addresses are 127.0.{home}.{n}: never contacted.
 */
public final class ClientFleet implements AutoCloseable {

  private final ProcessCluster cluster;
  private final List<String> services = new ArrayList<>();
  private final NamingService[] clients = new NamingService[ProcessCluster.NODES + 1];
  /** service → "ip:port" currently registered (and not deregistered). */
  private final Map<String, Set<String>> registered = new TreeMap<>();
  private int next;

  /** {@code perHome} instances of each of {@code serviceCount} services through every node. */
  public ClientFleet(ProcessCluster cluster, int serviceCount, int perHome) throws NacosException {
    this.cluster = cluster;
    String prefix = "fleet-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    for (int s = 0; s < serviceCount; s++) {
      services.add(prefix + s);
      registered.put(prefix + s, new TreeSet<>());
    }
    for (int home = 1; home <= ProcessCluster.NODES; home++) {
      clients[home] = NacosFactory.createNamingService(
          NacosClients.properties(ProcessCluster.host(home) + ":" + cluster.httpPort()));
      for (String service : services) {
        for (int k = 0; k < perHome; k++) {
          register(home, service);
        }
      }
    }
  }

  public List<String> services() {
    return services;
  }

  /** Registers one more instance of {@code service} through node {@code home}; returns its "ip:port". */
  public synchronized String register(int home, String service) throws NacosException {
    int n = ++next;
    String ip = "127.0." + home + "." + (1 + n % 250);
    int port = 20_000 + n;
    clients[home].registerInstance(service, ip, port);
    registered.get(service).add(ip + ":" + port);
    return ip + ":" + port;
  }

  /** Deregisters one instance of {@code service} that {@code home} registered; returns its "ip:port". */
  public synchronized String deregisterOne(int home, String service) throws NacosException {
    String prefix = "127.0." + home + ".";
    String address = registered.get(service).stream().filter(a -> a.startsWith(prefix)).findFirst().orElseThrow();
    String[] parts = address.split(":");
    clients[home].deregisterInstance(service, parts[0], Integer.parseInt(parts[1]));
    registered.get(service).remove(address);
    return address;
  }

  /** service → the "ip:port" of every instance that should be listed. */
  public synchronized Map<String, Set<String>> expected() {
    Map<String, Set<String>> copy = new TreeMap<>();
    registered.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
    return copy;
  }

  /** service → "ip:port" of the instances node {@code i} lists (all, healthy or not); null if it does not answer. */
  public Map<String, Set<String>> listed(int i) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String service : services) {
      Set<String> hosts = cluster.instances(i, service);
      if (hosts == null) {
        return null;
      }
      out.put(service, hosts);
    }
    return out;
  }

  @Override
  public void close() {
    NacosClients.shutDownInBackground(clients[1], clients[2], clients[3]);
  }
}
