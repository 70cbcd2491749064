/**
 * What every API edge (HTTP, the event-bus API, gRPC) shares before a request becomes a command: {@link
 * dev.beacon.api.Params} (the request's parameters, whatever the transport), {@link dev.beacon.api.NamingRequests}
 * (the one validation of names, addresses, weights and metadata, with Nacos's 400 texts), {@link dev.beacon.api.Access}
 * (who may call an operation) and {@link dev.beacon.api.Guard} (authenticates and checks that access).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.model}, {@code dev.beacon.auth} and {@code dev.beacon.config}.</li>
 *   <li>Imported by http and grpc, which do not import each other; never by model, config, registry, health,
 *       distro, raft, push or client.</li>
 *   <li>Threading: stateless; {@code Guard} uses the thread-safe {@code Authenticator}.</li>
 * </ul>
 */
package dev.beacon.api;
