package dev.beacon.registry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Where registry commands go. Standalone: straight to the local worker. In a cluster Distro routes ephemeral commands
 * to the service's responsible node and Raft takes persistent ones; callers do not know which.
 */
public interface CommandSink {

  Future<Object> submit(RegistryCommand command);

  /** Applies a heartbeat on the node responsible for its service; completes with the Nacos beat reply. */
  Future<JsonObject> beat(Beat beat);
}
