package dev.beacon.distro;

import dev.beacon.core.ByReferenceCodec;
import dev.beacon.registry.Beat;
import dev.beacon.registry.CommandJson;
import dev.beacon.registry.RegistryCommand.BatchMetadata;
import dev.beacon.registry.RegistryCommand.Deregister;
import dev.beacon.registry.RegistryCommand.Patch;
import dev.beacon.registry.RegistryCommand.Publish;
import dev.beacon.registry.RegistryCommand.Register;
import dev.beacon.registry.RegistryCommand.RemoveService;
import dev.beacon.registry.RegistryCommand.SetHealth;
import dev.beacon.registry.RegistryCommand.UpdateCluster;
import dev.beacon.registry.RegistryCommand.UpsertService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Cluster codec of the commands and beats a node forwards to a service's responsible node (JSON on the wire; these
 * are single requests, not bulk data). Selected by name in the DeliveryOptions; within one node it passes the object.
 */
public final class CommandCodec extends ByReferenceCodec {

  public static final String NAME = "beacon-distro-command";

  public CommandCodec() {
    super(NAME);
  }

  public static boolean forwardable(Object command) {
    return command instanceof Register || command instanceof Publish || command instanceof Deregister
        || command instanceof Patch || command instanceof SetHealth || command instanceof UpsertService
        || command instanceof RemoveService || command instanceof UpdateCluster || command instanceof BatchMetadata
        || command instanceof Beat;
  }

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    Buffer json = toJson(o).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  static JsonObject toJson(Object o) {
    return CommandJson.encode(o);
  }

  static Object fromJson(JsonObject j) {
    return CommandJson.decode(j);
  }
}
