package dev.beacon.distro;

import dev.beacon.model.ServiceKey;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What the rest of the node needs to know about the registry servers: who they are and who owns a service. */
public interface ClusterView {

  /** This node's id ({@code host:port} of its HTTP API unless configured). */
  String localNode();

  /** The node responsible for a service. */
  String responsibleNode(ServiceKey key);

  default boolean isResponsible(ServiceKey key) {
    return localNode().equals(responsibleNode(key));
  }

  /** The live registry servers, in the shape of Nacos's {@code /operator/servers} members. */
  List<JsonObject> servers();

  /** The node ids of the live registry servers (what {@link #servers()} describes). */
  List<String> serverIds();

  /** A single node that is responsible for everything. */
  static ClusterView standalone(String nodeId) {
    return new ClusterView() {
      @Override
      public String localNode() {
        return nodeId;
      }

      @Override
      public String responsibleNode(ServiceKey key) {
        return nodeId;
      }

      @Override
      public List<JsonObject> servers() {
        return List.of(Servers.describe(nodeId, System.currentTimeMillis()));
      }

      @Override
      public List<String> serverIds() {
        return List.of(nodeId);
      }
    };
  }
}
