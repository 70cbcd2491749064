/**
 * The Nacos 2.x gRPC API, for nacos-client 2.x: {@link dev.beacon.grpc.GrpcVerticle} (server, connection table,
 * dispatch), {@link dev.beacon.grpc.Payload} (the wire message), {@code NamingRpc} (the naming requests, validated by
 * api's {@code NamingRequests}, as HTTP's are), {@code Leases} (instances that live as long as their connection, kept alive
 * by beats this node sends for them) and {@code GrpcPush} ({@code NotifySubscriberRequest} with acknowledgements).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.api} ({@code NamingRequests}, {@code Params}, {@code Guard}, {@code Failure}:
 *       one validation, one guard and one error mapping for every API), {@code dev.beacon.auth},
 *       {@code dev.beacon.config}, {@code dev.beacon.core} ({@code Addresses}, {@code NodeStatus}),
 *       {@code dev.beacon.model} and {@code dev.beacon.registry} (commands, sink, changes, {@code ConsistentReads}).</li>
 *   <li>Must never import distro, health, raft, push, http, bus or metrics: it reaches the cluster only through
 *       {@code CommandSink} and {@code ConsistentReads}, as the HTTP API does.</li>
 *   <li>Must never be imported by anything but {@code dev.beacon.Beacon}, which deploys the verticle.</li>
 *   <li>Threading: everything is confined to the one {@code GrpcVerticle}'s event loop.</li>
 * </ul>
 */
package dev.beacon.grpc;
