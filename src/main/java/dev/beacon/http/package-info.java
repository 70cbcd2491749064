/**
 * The Nacos 1.x naming API: {@link dev.beacon.http.Routes} declares each operation once (method, path, action,
 * who may call it, endpoint); {@link dev.beacon.http.HttpVerticle} checks the caller with {@code Guard} on the route
 * that dispatches, then (one per event loop) serves it under {@code /nacos} and
 * {@link dev.beacon.http.EventBusApiVerticle} on the cluster-wide {@code beacon.naming} address and this server's own
 * {@code beacon.naming.server.<node>}. Endpoints read views
 * and submit commands to the node's {@code CommandSink}; they never change the tables themselves.
 *
 * <ul>
 *   <li>May import {@code dev.beacon.api} (parameters, validation, the guard), {@code dev.beacon.config},
 *       {@code dev.beacon.model}, {@code dev.beacon.registry}, {@code dev.beacon.core}, {@code dev.beacon.auth}
 *       (tokens, the user store), {@code dev.beacon.push} ({@code Subscriptions}, {@code Subscriber}),
 *       {@code dev.beacon.client.NamingProtocol} (the event-bus contract), distro's
 *       {@code ClusterView}, health's {@code BeatTable}, and from {@code dev.beacon.raft} the narrow
 *       {@code RaftStatus}, {@code RaftSwitches}, {@code RaftAuth} and {@code RaftNamespaces} (switch, user and
 *       namespace changes are Raft entries). Each
 *       endpoint class and verticle takes exactly the parts it uses in its constructor; {@link
 *       dev.beacon.http.Routes#of} builds the table once per node.</li>
 *   <li>{@link dev.beacon.http.HttpVerticle} also serves the web console: its static files ({@code webroot/nacos/} in
 *       the jar, never for {@code /nacos/v1/...}) and {@code ChangeStream}, the console's server-sent event stream of
 *       changed services, fed by the local {@code beacon.registry.changes}.</li>
 *   <li>Must never be imported by any package but the composition root ({@code dev.beacon.Beacon}); the list encoding
 *       and its query model that push shares live in {@code dev.beacon.model.InstanceList}.</li>
 * </ul>
 */
package dev.beacon.http;
