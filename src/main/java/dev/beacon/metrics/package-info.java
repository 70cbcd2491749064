/**
 * One Prometheus registry per node ({@link dev.beacon.metrics.Metrics}): JVM and selected Vert.x meters, and gauges
 * and function counters over the stats objects of the other packages, served at {@code /metrics}.
 *
 * <ul>
 *   <li>May import {@code dev.beacon.model}, {@code dev.beacon.registry}, {@code dev.beacon.distro}
 *       ({@code DistroStats}), {@code dev.beacon.push} ({@code PushStats}), {@code dev.beacon.raft}
 *       ({@code RaftNode}, {@code RaftUnavailableException}) and {@code dev.beacon.core.Addresses}: it reads counters
 *       that the other packages keep themselves ({@code LongAdder}s), so it depends on them and never the reverse.</li>
 *   <li>Must never be imported by any package but the composition root ({@code Beacon}, {@code Node}). Components
 *       register their own meters on the Micrometer {@code MeterRegistry} they are given rather than on this
 *       class.</li>
 * </ul>
 */
package dev.beacon.metrics;
