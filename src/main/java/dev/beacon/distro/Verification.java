package dev.beacon.distro;

import dev.beacon.core.Addresses;
import dev.beacon.model.Instance;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.HybridClock;
import dev.beacon.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Anti-entropy. Each server periodically publishes a digest (revision, checksum) of the services it is responsible
 * for. A receiver whose copy differs pulls the owner's view when it holds an older revision, and pushes its own when
 * it holds a newer one (a write it applied while the owner was unreachable), so both sides converge on the newest.
 * Ephemeral services the owner no longer lists are dropped, but only when both compute responsibility over the same
 * server list and the local copy is not fresher than a verify period (a delta may still be on its way).
 */
final class Verification {

  private static final Logger LOG = Logger.getLogger(Verification.class.getName());

  private final Vertx vertx;
  private final Registry registry;
  private final Membership membership;
  private final FullSync sync;
  private final Replica replica;
  private final DistroStats stats;
  private final long period;

  Verification(Vertx vertx, Registry registry, Membership membership, FullSync sync, Replica replica,
               DistroStats stats, long period) {
    this.vertx = vertx;
    this.registry = registry;
    this.membership = membership;
    this.sync = sync;
    this.replica = replica;
    this.stats = stats;
    this.period = period;
  }

  void publish() {
    List<VerifyDigest.Entry> entries = new ArrayList<>();
    for (ServiceView v : registry.views()) {
      if (membership.isResponsible(v.key())) {
        entries.add(new VerifyDigest.Entry(v.key(), v.revision(), v.checksum()));
      }
    }
    vertx.eventBus().publish(Addresses.DISTRO_VERIFY,
        new VerifyDigest(membership.localNode(), membership.serversHash(), entries).encode());
  }

  void receive(VerifyDigest digest) {
    String owner = digest.sender();
    List<ServiceKey> pull = new ArrayList<>();
    List<ServiceView> push = new ArrayList<>();
    Set<ServiceKey> listed = new HashSet<>();
    for (VerifyDigest.Entry e : digest.entries()) {
      listed.add(e.key());
      ServiceView mine = registry.view(e.key());
      if (mine != null && mine.checksum().equals(e.checksum())) {
        continue;
      }
      if (mine == null || mine.revision() < e.revision()) {
        pull.add(e.key());
      } else if (mine.revision() > e.revision()) {
        push.add(mine);
      }
    }
    List<ServiceView> drop = new ArrayList<>();
    if (digest.serversHash() == membership.serversHash()) {
      long fresh = System.currentTimeMillis() - period;
      for (ServiceView v : registry.views()) {
        if (!listed.contains(v.key()) && owner.equals(membership.responsibleNode(v.key())) && ephemeralOnly(v)
            && HybridClock.millisOf(v.revision()) < fresh) {
          drop.add(v);
        }
      }
    }
    if (pull.isEmpty() && push.isEmpty() && drop.isEmpty()) {
      return;
    }
    stats.verifyMismatches.add(pull.size() + push.size());
    stats.verifyDrops.add(drop.size());
    LOG.info("verify against " + owner + ": pulling " + pull.size() + ", pushing " + push.size() + ", dropping "
        + drop.size() + " service(s)");
    if (!pull.isEmpty()) {
      sync.fetch(owner, pull).onFailure(e -> LOG.warning("verify fetch from " + owner + " failed: " + e.getMessage()));
    }
    if (!push.isEmpty()) {
      vertx.eventBus().send(Addresses.distroDeltas(owner),
          new Delta(membership.localNode(), push, List.of()).encode(), new DeliveryOptions());
    }
    if (!drop.isEmpty()) {
      replica.remove(drop.stream().map(v -> new Delta.Removal(v.key(), v.revision())).toList());
    }
  }

  /** Services Distro alone keeps: not defined through the service API, no persistent instance. */
  private static boolean ephemeralOnly(ServiceView v) {
    if (v.settings().defined()) {
      return false;
    }
    for (Instance i : v.instances()) {
      if (!i.ephemeral()) {
        return false;
      }
    }
    return true;
  }
}
