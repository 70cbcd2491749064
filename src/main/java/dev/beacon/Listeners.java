package dev.beacon;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.raft.RaftSettings;
import dev.beacon.raft.RaftSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ports a node listens on, checked before anything starts: Ratis, Hazelcast and Netty each fail on a taken port
 * in their own way (a page of RejectedExecutionException from Ratis), so a node says instead, in one line, which
 * setting names a port that is in use.
 */
final class Listeners {

  record Listener(String setting, String host, int port) {
  }

  private Listeners() {
  }

  static List<Listener> of(BeaconConfig config) {
    List<Listener> all = new ArrayList<>();
    all.add(new Listener(Setting.PORT.key(), config.host(), config.port()));
    all.add(new Listener(Setting.GRPC_PORT.key(), config.host(), config.grpcPort()));
    RaftSettings raft = RaftSetup.settings(config);
    String own = raft.ownAddress();
    String raftSetting = config.list(Setting.RAFT_PEERS).isEmpty() ? Setting.RAFT_PORT.key()
        : Setting.RAFT_PEERS.key() + " (" + raft.nodeId() + ")";
    all.add(new Listener(raftSetting, RaftSettings.host(own), RaftSettings.port(own)));
    if (config.clustered()) {
      String host = config.get(Setting.CLUSTER_HOST);
      all.add(new Listener(Setting.CLUSTER_PORT.key(), host, config.intValue(Setting.CLUSTER_PORT)));
      int bus = config.intValue(Setting.EVENT_BUS_PORT);
      if (bus != 0) {
        all.add(new Listener(Setting.EVENT_BUS_PORT.key(), host, bus));
      }
    }
    return all;
  }

  /** "raft-port 7848 is in use (127.0.0.1:7848)" for the first listener that cannot bind, if any. */
  static Optional<String> firstTaken(BeaconConfig config) {
    for (Listener l : of(config)) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(l.host(), l.port()));
      } catch (IOException e) {
        return Optional.of(l.setting() + " " + l.port() + " is in use or cannot be bound (" + l.host() + ":" + l.port()
            + ": " + e.getMessage() + ")");
      }
    }
    return Optional.empty();
  }
}
