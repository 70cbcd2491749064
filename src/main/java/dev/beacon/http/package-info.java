/**
 * The Nacos 1.x naming API over HTTP: {@link dev.beacon.http.Routes} declares each operation once (method, path,
 * action, who may call it, endpoint) and is served by HTTP here and by the event-bus API ({@code dev.beacon.bus});
 * {@link dev.beacon.http.HttpVerticle} (one per event loop) checks the caller with {@code Guard} on the route that
 * dispatches, then serves it under {@code /nacos}. Endpoints read views and submit commands to the node's
 * {@code CommandSink} and replicated entries (switches, users, namespaces) to core's {@code ReplicatedEntries}; they
 * never change the tables themselves. An endpoint answers a {@link dev.beacon.http.Reply} that keeps the JSON it
 * made, so each transport renders it once.
 *
 * <ul>
 *   <li>May import {@code dev.beacon.api} (parameters, validation, the guard, failures), {@code dev.beacon.config},
 *       {@code dev.beacon.model}, {@code dev.beacon.registry}, {@code dev.beacon.core} (and through it Raft's ports:
 *       {@code ReplicatedEntries}, {@code RaftStatus}), {@code dev.beacon.auth} (tokens, the user store),
 *       {@code dev.beacon.push} ({@code Subscriptions}, {@code Subscriber}), {@code dev.beacon.client.NamingProtocol}
 *       (the event-bus contract), {@code dev.beacon.distro.ClusterView} and {@code dev.beacon.health.BeatTable}. Each
 *       endpoint class and verticle takes exactly the parts it uses in its constructor; {@link
 *       dev.beacon.http.Routes#of} builds the table once per node.</li>
 *   <li>Must never import raft: Raft is reached only through core's ports, which {@code Beacon} wires.</li>
 *   <li>{@link dev.beacon.http.HttpVerticle} also serves the web console: its static files ({@code webroot/nacos/} in
 *       the jar, never for {@code /nacos/v1/...}) and {@code ChangeStream}, the console's server-sent event stream of
 *       changed services, fed by the local {@code beacon.registry.changes}.</li>
 *   <li>Imported by the composition root ({@code dev.beacon.Beacon}) and bus ({@code Routes}, {@code Reply}) only; the
 *       list encoding and its query model that push shares live in {@code dev.beacon.model.InstanceList}.</li>
 * </ul>
 */
package dev.beacon.http;
