package dev.beacon.support;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import java.util.Map;

/** One standalone test node and a WebClient on its API: what most HTTP test classes share. */
public record ApiNode(Beacon beacon, NacosHttp http, BeaconConfig config) implements AutoCloseable {

  public static ApiNode start(Map<Setting, ?> overrides) {
    BeaconConfig config = TestNodes.standaloneConfig(overrides);
    Beacon beacon = TestNodes.start(config);
    return new ApiNode(beacon, new NacosHttp(config.port()), config);
  }

  @Override
  public void close() {
    http.close();
    TestNodes.stop(beacon);
  }
}
