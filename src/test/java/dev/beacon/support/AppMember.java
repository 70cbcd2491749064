package dev.beacon.support;

import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.distro.ClusterBootstrap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x application clustered with a {@link TestCluster}: it joins the servers' Hazelcast cluster through the
 * repo's cluster.xml (its own Hazelcast port, the servers as members) and deploys nothing of Beacon's, so it is a
 * plain event-bus member and never a registry server.
 */
public final class AppMember {

  private AppMember() {
  }

  /** Returns once every live server's Hazelcast lists the application's member. */
  public static Vertx join(TestCluster cluster) {
    Map<Setting, Object> values = new EnumMap<>(Setting.class);
    values.putAll(TestCluster.timings());
    values.put(Setting.CLUSTER_MEMBERS, cluster.config(0).get(Setting.CLUSTER_MEMBERS));
    values.put(Setting.CLUSTER_HOST, "127.0.0.1");
    values.put(Setting.CLUSTER_PORT, TestNodes.freePort());
    ClusterBootstrap boot;
    try {
      boot = ClusterBootstrap.start(TestNodes.standaloneConfig(values), new VertxOptions(), null)
          .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("application did not join the cluster: " + e, e);
    }
    String member = boot.clusterManager().getNodeId();
    for (Beacon b : cluster.live()) {
      Await.until("server sees the application's Hazelcast member", Await.START,
          () -> b.distro().bootstrap().clusterManager().getNodes().contains(member));
    }
    return boot.vertx();
  }
}
