package dev.beacon.health;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.config.Switches;
import dev.beacon.core.Addresses;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import dev.beacon.registry.ServiceChanges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Beat expiry for the services this node is responsible for: a periodic timer marks ephemeral instances unhealthy after
 * the beat timeout and removes them after the delete timeout (per-instance {@code preserved.*} overrides), and removes
 * implicit services left empty. It only sends commands to the worker; it never touches the tables itself.
 */
public final class HealthVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(HealthVerticle.class.getName());

  private final Registry registry;
  private final BeatTable beats;
  private final Predicate<ServiceKey> responsible;
  private final long beatTimeout;
  private final long deleteTimeout;
  private final long emptyServiceTtl;
  private final long period;
  private final BeaconConfig config;
  private final CommandSink sink;
  private ActiveChecks activeChecks;
  /** {@code healthCheckEnabled=false} (a runtime switch) stops expiry and active checks until it is true again. */
  private final Switches switches;
  /** Per service, the earliest time one of its instances can be due (see {@link #tick}); event-loop confined. */
  private final Map<ServiceKey, Long> nextCheck = new HashMap<>();
  private final Counter markedUnhealthy;
  private final Counter expired;

  public HealthVerticle(Registry registry, BeatTable beats, BeaconConfig config, Switches switches,
                        Predicate<ServiceKey> responsible, CommandSink sink, MeterRegistry meters) {
    this.config = config;
    this.switches = switches;
    this.sink = sink;
    this.markedUnhealthy = Counter.builder("beacon.expiry").tag("action", "unhealthy")
        .description("instances marked unhealthy for missing beats").register(meters);
    this.expired = Counter.builder("beacon.expiry").tag("action", "removed")
        .description("instances removed for missing beats").register(meters);
    this.registry = registry;
    this.beats = beats;
    this.responsible = responsible;
    this.beatTimeout = config.millis(Setting.BEAT_TIMEOUT);
    this.deleteTimeout = config.millis(Setting.DELETE_TIMEOUT);
    this.emptyServiceTtl = config.millis(Setting.EMPTY_SERVICE_TTL);
    this.period = config.millis(Setting.EXPIRY_CHECK_PERIOD);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(period, id -> tick(System.currentTimeMillis()));
    activeChecks = new ActiveChecks(vertx, registry, sink, responsible, config, switches::checkTimes);
    vertx.setPeriodic(config.millis(Setting.HEALTH_CHECK_PERIOD), id -> {
      if (switches.healthCheckEnabled()) {
        activeChecks.tick();
      }
    });
    return vertx.eventBus().<ServiceChanges>localConsumer(Addresses.SERVICE_CHANGES, m -> track(m.body()))
        .completion();
  }

  @Override
  public Future<?> stop() {
    activeChecks.close();
    return Future.succeededFuture();
  }

  /**
   * Looks only at services whose earliest deadline has come: a scan records when the next instance of the service
   * could go unhealthy or expire, and beats only push deadlines later, so until then nothing there can be due.
   * A change of the service clears its record. The timer's work is thus O(instances / beat timeout), not O(instances).
   */
  private void tick(long now) {
    for (ServiceView view : registry.views()) {
      if (!responsible.test(view.key()) || nextCheck.getOrDefault(view.key(), 0L) > now) {
        continue;
      }
      if (view.size() == 0) {
        if (!view.settings().defined() && now - view.lastRefTime() > emptyServiceTtl) {
          send(new RegistryCommand.RemoveIfEmpty(view.key()));
        }
        continue;
      }
      if (switches.healthCheckEnabled()) {
        nextCheck.put(view.key(), expire(view, now));
      }
    }
  }

  /** Marks and removes what is due; returns when the next instance of the service can be due. */
  private long expire(ServiceView view, long now) {
    ServiceKey key = view.key();
    Map<InstanceRef, Long> due = null;
    long next = Long.MAX_VALUE;
    for (Instance i : view.instances()) {
      if (!i.ephemeral()) {
        continue;
      }
      long last = beats.lastBeat(key, i.ref());
      if (last < 0) {
        // First sight of this instance here (new, or responsibility just moved): its grace period starts now.
        beats.touch(key, i.ref(), now);
        last = now;
      }
      long idle = now - last;
      boolean watchUnhealthy = i.healthy() && !i.marked();
      if (idle > i.deleteTimeout(deleteTimeout)) {
        (due == null ? due = new HashMap<>() : due).put(i.ref(), last);
        next = now + 1; // look again next tick, in case a late beat saves it from the removal sent below
        continue;
      }
      boolean turnsUnhealthy = idle > i.beatTimeout(beatTimeout) && watchUnhealthy;
      next = Math.min(next, turnsUnhealthy ? last + 1 + i.deleteTimeout(deleteTimeout) : deadline(i, last));
      if (turnsUnhealthy) {
        LOG.info(() -> "instance unhealthy, no beat for " + idle + " ms: " + key + " " + i.ref());
        markedUnhealthy.increment();
        send(new RegistryCommand.SetHealth(key, i.ref(), false, false));
      }
    }
    if (due != null) {
      Map<InstanceRef, Long> seen = due;
      expired.increment(seen.size());
      LOG.info(() -> "removing " + seen.size() + " expired instance(s) of " + key + ": " + seen.keySet());
      // Removed only if no beat arrived between this decision and the worker applying it.
      send(new RegistryCommand.Expire(key, List.copyOf(seen.keySet()),
          ref -> beats.lastBeat(key, ref) == seen.get(ref)));
    }
    return next;
  }

  /** When an instance that last beat at {@code last} next needs a look: going unhealthy, or going away. */
  private long deadline(Instance i, long last) {
    return last + 1 + (i.healthy() && !i.marked() ? i.beatTimeout(beatTimeout) : i.deleteTimeout(deleteTimeout));
  }

  private void track(ServiceChanges changes) {
    long now = System.currentTimeMillis();
    for (ServiceChanges.Change c : changes.changes()) {
      if (c.removed()) {
        nextCheck.remove(c.key());
        beats.forgetService(c.key());
        continue;
      }
      // Nacos sets lastBeat on register and patch: a new or re-registered healthy instance gets a full grace period
      // (otherwise re-registering an instance that lapsed into unhealthy would flip it straight back).
      long[] earliest = {Long.MAX_VALUE};
      ServiceView.diff(c.previous(), c.current(), (before, after) -> {
        if (after == null) {
          beats.forget(c.key(), before.ref());
        } else if (after.ephemeral() && (after.healthy() || before == null)) {
          beats.touch(c.key(), after.ref(), now);
          earliest[0] = Math.min(earliest[0], deadline(after, now));
        }
      });
      // Only the touched instances got new deadlines, all later than now: the service's record stays a lower bound.
      nextCheck.computeIfPresent(c.key(), (k, known) -> Math.min(known, earliest[0]));
    }
  }

  private void send(RegistryCommand command) {
    vertx.eventBus().request(Addresses.REGISTRY_COMMANDS, command)
        .onFailure(e -> LOG.warning("expiry command failed: " + command + ": " + e.getMessage()));
  }
}
