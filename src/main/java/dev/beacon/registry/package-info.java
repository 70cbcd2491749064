/**
 * The registry tables and their one writer: {@link dev.beacon.registry.Registry} (read side, {@code ServiceKey ->
 * ServiceView}), {@link dev.beacon.registry.RegistryWorkerVerticle} (applies every {@link
 * dev.beacon.registry.RegistryCommand}, swaps in new immutable views, publishes {@link
 * dev.beacon.registry.ServiceChanges}), and {@link dev.beacon.registry.CommandSink}, the route commands take
 * ({@link dev.beacon.registry.LocalSink} standalone; Distro and Raft provide the others), with
 * {@link dev.beacon.registry.CommandJson}, the JSON form of commands that leave the node (Distro forwards, Raft
 * entries). {@link dev.beacon.registry.ConsistentReads} says which reads wait for core's {@code ReadBarrier}. {@link
 * dev.beacon.registry.Namespaces} holds the namespace definitions and builds their Raft entries; Raft applies them
 * to it directly (not through the worker).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.model} and {@code dev.beacon.core} ({@code Addresses}, {@code LocalCodec},
 *       {@code ReadBarrier}, {@code ErrorReply}).</li>
 *   <li>Must never import health, distro, raft, push, http or metrics: they all build on this package. Meters are
 *       registered on the Micrometer {@code MeterRegistry} the worker is given.</li>
 *   <li>Must never be imported by {@code dev.beacon.model}, {@code dev.beacon.config} or {@code dev.beacon.client}
 *       (applications reach the registry only through the event-bus API).</li>
 *   <li>Threading: {@code Registry.put}/{@code remove} are package-private and called only on the worker's event loop;
 *       everyone else reads views lock-free from any thread.</li>
 * </ul>
 */
package dev.beacon.registry;
