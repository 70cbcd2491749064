package dev.beacon.registry;

import dev.beacon.core.LocalCodec.LocalMessage;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import java.util.List;

/** Published locally by the worker after each applied batch: the services whose view changed. */
public record ServiceChanges(List<Change> changes) implements LocalMessage {

  /** Where a change came from, which decides who passes it on. */
  public enum Origin {
    /** A command applied here: Distro replicates it, the responsible node feeds it to subscribers. */
    LOCAL,
    /** A view received from its owner (Distro): already everywhere, fed by the owner. */
    PEER,
    /** A Raft entry that every server of the group applies itself: not Distro's; fed by the responsible node. */
    RAFT
  }

  /** One service's change. {@code current} is null when the service was removed. */
  public record Change(ServiceKey key, ServiceView previous, ServiceView current, Origin origin) {
    public boolean removed() {
      return current == null;
    }

    /** Replication by Distro: only what was applied here first. */
    public boolean replicate() {
      return origin == Origin.LOCAL;
    }
  }
}
