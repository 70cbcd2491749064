/**
 * What every API edge (HTTP, the event-bus API, gRPC) shares before a request becomes a command: {@link
 * dev.beacon.api.Params} (the request's parameters, whatever the transport), {@link dev.beacon.api.NamingRequests}
 * (the one validation of names, addresses, weights and metadata, with Nacos's 400 texts), {@link dev.beacon.api.Access}
 * (who may call an operation) and {@link dev.beacon.api.Guard} (authenticates and checks that access).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.model}, {@code dev.beacon.auth}, {@code dev.beacon.config} and
 *       {@code dev.beacon.core} ({@code ErrorReply}, the one error mapping, which {@code Failure} extends with auth
 *       refusals).</li>
 *   <li>Imported by the API edges: http, bus (which serves http's route table) and grpc (which knows neither);
 *       never by model, config, core, registry, health, distro, raft, push or client.</li>
 *   <li>Threading: stateless; {@code Guard} uses the thread-safe {@code Authenticator}.</li>
 * </ul>
 */
package dev.beacon.api;
