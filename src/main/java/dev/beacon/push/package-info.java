/**
 * Telling consumers about changed services: {@link dev.beacon.push.SubscriberTable} (nacos-client subscribers
 * recorded by list queries), {@link dev.beacon.push.PushVerticle} (UDP pushes with acks and resends through
 * {@code UdpPush}, and the interest-based per-service event-bus change feed, published by the responsible node only).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.config}, {@code dev.beacon.model}, {@code dev.beacon.registry}
 *       ({@code ServiceChanges}), {@code dev.beacon.core}, {@code dev.beacon.distro.ClusterView} and
 *       {@code dev.beacon.client.NamingProtocol} (the interest and feed fields). The list body it
 *       pushes is encoded by {@code dev.beacon.model.InstanceList}, the same encoder the HTTP list uses.</li>
 *   <li>Must never import http (http imports {@code Subscriptions}/{@code Subscriber} from here).</li>
 *   <li>Must never import health, raft or metrics, nor from distro anything but {@code ClusterView}.</li>
 *   <li>Must never be imported by model, config, registry, health, distro, raft or client; metrics imports
 *       {@code PushStats}.</li>
 *   <li>Threading: {@code SubscriberTable} is written on every HTTP event loop and read by the push verticle
 *       (concurrent maps); everything else here is confined to the push verticle's event loop.</li>
 * </ul>
 */
package dev.beacon.push;
