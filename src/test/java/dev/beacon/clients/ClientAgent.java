package dev.beacon.clients;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.naming.pojo.ListView;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One application with one {@code NamingService} of whichever nacos-client release is on its class path, run in a
 * JVM of its own and driven line by line over stdin: a test starts several (several connections), kills one with
 * {@code -9}, restarts the server under them. Each command answers one line, {@code OK …} or {@code ERR …}; only API
 * that the 1.x and 2.x lines share is called directly, the 2.x batch calls by reflection.
 * Instances print as {@code ip:port/cluster/healthy/enabled/weight/ephemeral/instanceId/serviceName/metadata}, sorted.
 */
public final class ClientAgent {

  private final NamingService naming;
  private final Map<String, List<Instance>> lastEvent = new ConcurrentHashMap<>();
  private final Map<String, Integer> events = new ConcurrentHashMap<>();

  private ClientAgent(NamingService naming) {
    this.naming = naming;
  }

  public static void main(String[] args) throws Exception {
    String dir = Files.createTempDirectory("nacos-client").toString();
    System.setProperty("JM.SNAPSHOT.PATH", dir);
    System.setProperty("JM.LOG.PATH", dir);
    System.setProperty("com.alibaba.nacos.naming.cache.dir", dir);
    Properties props = new Properties();
    props.setProperty("serverAddr", args[0]);
    props.setProperty("namingLoadCacheAtStart", "false");
    for (int i = 1; i < args.length; i++) { // further arguments: client properties, key=value (username, namespace…)
      props.setProperty(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
    }
    ClientAgent agent = new ClientAgent(NacosFactory.createNamingService(props));
    System.out.println("READY " + agent.naming.getServerStatus());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String reply;
      try {
        reply = agent.run(line.trim().split(" "));
      } catch (Throwable t) {
        reply = "ERR " + t.toString().replace('\n', ' ');
      }
      System.out.println(reply);
      if (line.equals("quit")) {
        break;
      }
    }
    System.exit(0);
  }

  private String run(String[] c) throws Exception {
    switch (c[0]) {
      case "register" -> naming.registerInstance(c[1], instance(c[2], c.length > 3 ? c[3] : "DEFAULT",
          c.length > 4 && c[4].equals("persistent"), c.length > 5 ? c[5] : ""));
      case "deregister" -> naming.deregisterInstance(c[1], c[2].split(":")[0], Integer.parseInt(c[2].split(":")[1]),
          c.length > 3 ? c[3] : "DEFAULT");
      case "all" -> {
        return "OK " + format(c.length > 3
            ? naming.getAllInstances(c[1], Arrays.asList(c[3].split(",")), Boolean.parseBoolean(c[2]))
            : naming.getAllInstances(c[1], Boolean.parseBoolean(c[2])));
      }
      case "select" -> {
        return "OK " + format(naming.selectInstances(c[1], Boolean.parseBoolean(c[2]), false));
      }
      case "one" -> {
        Instance i = naming.selectOneHealthyInstance(c[1], false);
        return "OK " + i.getIp() + ":" + i.getPort();
      }
      case "subscribe" -> naming.subscribe(c[1], e -> {
        NamingEvent event = (NamingEvent) e;
        lastEvent.put(c[1], event.getInstances());
        events.merge(c[1], 1, Integer::sum);
      });
      case "unsubscribe" -> naming.unsubscribe(c[1], e -> { });
      case "events" -> {
        return "OK " + events.getOrDefault(c[1], 0) + " " + format(lastEvent.getOrDefault(c[1], List.of()));
      }
      case "batch", "batchdel" -> {
        List<Instance> list = new ArrayList<>();
        for (String address : c[2].split(",")) {
          list.add(instance(address, "DEFAULT", false, ""));
        }
        String method = c[0].equals("batch") ? "batchRegisterInstance" : "batchDeregisterInstance";
        Method m = naming.getClass().getMethod(method, String.class, String.class, List.class);
        m.invoke(naming, c[1], "DEFAULT_GROUP", list);
      }
      case "services" -> {
        ListView<String> page = naming.getServicesOfServer(Integer.parseInt(c[1]), Integer.parseInt(c[2]));
        return "OK " + page.getCount() + " " + String.join(",", page.getData());
      }
      case "status" -> {
        return "OK " + naming.getServerStatus();
      }
      case "quit" -> naming.shutDown();
      default -> {
        return "ERR unknown command " + c[0];
      }
    }
    return "OK";
  }

  /** {@code ip:port}, a cluster, persistent or not, and {@code k=v,k=v} metadata. */
  private static Instance instance(String address, String cluster, boolean persistent, String metadata) {
    Instance i = new Instance();
    i.setIp(address.split(":")[0]);
    i.setPort(Integer.parseInt(address.split(":")[1]));
    i.setClusterName(cluster);
    i.setEphemeral(!persistent);
    for (String kv : metadata.isEmpty() ? new String[0] : metadata.split(",")) {
      i.getMetadata().put(kv.split("=")[0], kv.split("=")[1]);
    }
    return i;
  }

  private static String format(List<Instance> instances) {
    return instances.stream().sorted(Comparator.comparing(Instance::getIp).thenComparingInt(Instance::getPort))
        .map(i -> i.getIp() + ":" + i.getPort() + "/" + i.getClusterName() + "/" + i.isHealthy() + "/" + i.isEnabled()
            + "/" + i.getWeight() + "/" + i.isEphemeral() + "/" + i.getInstanceId() + "/" + i.getServiceName() + "/"
            + new TreeMap<>(i.getMetadata()))
        .collect(Collectors.joining(";"));
  }
}
