package dev.beacon.support;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingMaintainService;
import com.alibaba.nacos.api.naming.NamingService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;

/**
 * Real nacos-client 1.4.8 instances pointed at a test node. The client's disk cache and logs go to a temp dir, not
 * the user's home, and it does not load a cache at start (a stale one would hide what the server answers).
 */
public final class NacosClients {

  private NacosClients() {
  }

  public static Properties properties(int port) {
    return properties("127.0.0.1:" + port);
  }

  /** {@code serverAddr} as nacos-client takes it: {@code host:port[,host:port...]}. */
  public static Properties properties(String serverAddr) {
    try {
      String dir = Files.createTempDirectory("nacos-client").toString();
      System.setProperty("JM.SNAPSHOT.PATH", dir);
      System.setProperty("JM.LOG.PATH", dir);
      System.setProperty("com.alibaba.nacos.naming.cache.dir", dir);
      Properties props = new Properties();
      props.setProperty(PropertyKeyConst.SERVER_ADDR, serverAddr);
      props.setProperty(PropertyKeyConst.NAMING_LOAD_CACHE_AT_START, "false");
      props.setProperty("namingCacheRegistryDir", dir);
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Shuts clients down in the background: their thread pools take seconds to stop and nothing waits on them. */
  public static void shutDownInBackground(NamingService... clients) {
    Thread closer = new Thread(() -> {
      for (NamingService c : clients) {
        try {
          if (c != null) {
            c.shutDown();
          }
        } catch (NacosException | RuntimeException e) {
          System.err.println("nacos-client shutdown: " + e);
        }
      }
    }, "nacos-client-shutdown");
    closer.setDaemon(true);
    closer.start();
  }

  public static NamingService naming(int port) throws NacosException {
    return NacosFactory.createNamingService(properties(port));
  }

  public static NamingMaintainService maintain(int port) throws NacosException {
    return NacosFactory.createMaintainService(properties(port));
  }
}
