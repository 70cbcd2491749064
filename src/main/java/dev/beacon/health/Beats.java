package dev.beacon.health;

import dev.beacon.config.Switches;
import dev.beacon.model.Instance;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Beat;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Applies a heartbeat on the node responsible for its service, as Nacos 1.4 does: a known ephemeral instance gets its
 * beat time refreshed (and turns healthy again through the worker if it was not); an unknown one is re-registered from
 * the beat body, or answered with code 20404 so the client registers again.
 */
public final class Beats {

  public static final int CODE_OK = 10200;
  public static final int CODE_NOT_FOUND = 20404;

  private final Registry registry;
  private final BeatTable table;
  private final Switches switches;
  private final Function<RegistryCommand, Future<Object>> worker;
  private final Counter known;
  private final Counter unknown;
  private final Counter recreated;

  /** {@code switches}: the default {@code clientBeatInterval} and {@code lightBeatEnabled} of every reply. */
  public Beats(Registry registry, BeatTable table, Switches switches,
               Function<RegistryCommand, Future<Object>> worker, MeterRegistry meters) {
    this.registry = registry;
    this.table = table;
    this.switches = switches;
    this.worker = worker;
    this.known = beats(meters, "ok");
    this.unknown = beats(meters, "not_found");
    this.recreated = beats(meters, "re_registered");
  }

  private static Counter beats(MeterRegistry meters, String result) {
    return Counter.builder("beacon.beats").description("heartbeats applied on this node").tag("result", result)
        .register(meters);
  }

  public Future<JsonObject> apply(Beat beat) {
    ServiceView view = registry.view(beat.key());
    Instance instance = view == null ? null : view.find(beat.ref());
    long now = System.currentTimeMillis();
    if (instance == null) {
      Instance body = beat.fromBody();
      if (body == null) {
        unknown.increment();
        return Future.succeededFuture(reply(switches.clientBeatInterval(), CODE_NOT_FOUND));
      }
      recreated.increment();
      return worker.apply(new RegistryCommand.Register(beat.key(), body)).map(ok -> {
        table.touch(beat.key(), body.ref(), now);
        return reply(body.beatInterval(switches.clientBeatInterval()), CODE_OK);
      });
    }
    known.increment();
    if (instance.ephemeral()) {
      table.touch(beat.key(), instance.ref(), now);
      if (!instance.healthy() && !instance.marked()) {
        worker.apply(new RegistryCommand.SetHealth(beat.key(), instance.ref(), true, false));
      }
    }
    return Future.succeededFuture(reply(instance.beatInterval(switches.clientBeatInterval()), CODE_OK));
  }

  private JsonObject reply(long interval, int code) {
    JsonObject json = new JsonObject().put("clientBeatInterval", interval).put("code", code);
    return code == CODE_OK ? json.put("lightBeatEnabled", switches.lightBeatEnabled()) : json;
  }
}
