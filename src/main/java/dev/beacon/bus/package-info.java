/**
 * The event-bus edge: {@link dev.beacon.bus.EventBusApiVerticle} serves the naming API to Vert.x applications in the
 * cluster on the shared {@code beacon.naming} address and this server's own {@code beacon.naming.server.<node>}:
 * {@code {"action":…,"params":{…}}} runs the endpoint HTTP runs for that action (the same {@code Routes} table, the
 * same {@code Guard}, the same validation) and answers with the JSON the endpoint made, or
 * {@code fail(status, message)} with the status and message HTTP would give.
 *
 * <ul>
 *   <li>May import {@code dev.beacon.http} ({@code Routes}, {@code Reply}: the one route table), {@code dev.beacon.api}
 *       ({@code Guard}, {@code Params}, {@code Failure}), {@code dev.beacon.auth} ({@code AuthStats}),
 *       {@code dev.beacon.client.NamingProtocol} (the contract's fields and headers), {@code dev.beacon.core}
 *       ({@code Addresses}, {@code NodeStatus}), {@code dev.beacon.distro.ClusterView} (who answers, the servers it
 *       sees) and {@code dev.beacon.model}.</li>
 *   <li>Must never import raft, registry, health, push or grpc: writes and reads go through the route table's
 *       endpoints. http does not know this package.</li>
 *   <li>Imported by the composition root only, which deploys the verticle and opens it once the node is ready.</li>
 *   <li>Threading: the verticle's state is its constructor's; each request runs on its event loop.</li>
 * </ul>
 */
package dev.beacon.bus;
