/**
 * The Nacos 2.x gRPC API, for nacos-client 2.x: {@link dev.beacon.grpc.GrpcVerticle} (server, connection table,
 * dispatch), {@link dev.beacon.grpc.Payload} (the wire message), {@code NamingRpc} (the naming requests, validated by
 * the HTTP API's {@code NamingRequests}), {@code Leases} (instances that live as long as their connection, kept alive
 * by beats this node sends for them) and {@code GrpcPush} ({@code NotifySubscriberRequest} with acknowledgements).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.config}, {@code dev.beacon.model}, {@code dev.beacon.registry} (commands, sink,
 *       changes), {@code dev.beacon.http} ({@code NamingRequests} and {@code Params} only: one validation for both
 *       APIs) and from {@code dev.beacon} {@code Addresses} and {@code NodeStatus}.</li>
 *   <li>Must never import distro, health, raft, push or metrics: it reaches the cluster only through
 *       {@code CommandSink}, as the HTTP API does.</li>
 *   <li>Must never be imported by anything but {@code dev.beacon.Beacon}, which deploys the verticle.</li>
 *   <li>Threading: everything is confined to the one {@code GrpcVerticle}'s event loop.</li>
 * </ul>
 */
package dev.beacon.grpc;
