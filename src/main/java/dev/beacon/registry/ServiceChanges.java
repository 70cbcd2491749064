package dev.beacon.registry;

import dev.beacon.LocalCodec.LocalMessage;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import java.util.List;

/** Published locally by the worker after each applied batch: the services whose view changed. */
public record ServiceChanges(List<Change> changes) implements LocalMessage {

  /**
   * One service's change. {@code current} is null when the service was removed. {@code remote} marks a view that came
   * from its owner (Distro) rather than from a command applied here, so replication does not echo it back.
   */
  public record Change(ServiceKey key, ServiceView previous, ServiceView current, boolean remote) {
    public boolean removed() {
      return current == null;
    }
  }
}
