package dev.beacon.raft;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** This node's Raft settings from the configuration: {@code raft-peers}, or a single-member group on {@code raft-port}. */
public final class RaftSetup {

  private RaftSetup() {
  }

  public static RaftSettings settings(BeaconConfig config) {
    Map<String, String> peers = new LinkedHashMap<>();
    for (String peer : config.list(Setting.RAFT_PEERS)) {
      int eq = peer.indexOf('=');
      if (eq <= 0 || eq == peer.length() - 1) {
        throw new IllegalArgumentException("raft-peers entries are id=host:port, got: " + peer);
      }
      peers.put(peer.substring(0, eq).trim(), peer.substring(eq + 1).trim());
    }
    if (peers.isEmpty()) {
      peers.put(config.nodeId(), config.host() + ":" + config.intValue(Setting.RAFT_PORT));
    }
    if (!peers.containsKey(config.nodeId())) {
      throw new IllegalArgumentException("node-id " + config.nodeId() + " is not one of raft-peers " + peers.keySet());
    }
    return new RaftSettings(config.nodeId(), peers, Path.of(config.get(Setting.DATA_DIR), "raft"),
        Duration.ofMillis(config.millis(Setting.RAFT_REQUEST_TIMEOUT)), config.millis(Setting.RAFT_SNAPSHOT_ENTRIES));
  }
}
