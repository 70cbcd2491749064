/**
 * Beacon's immutable values: {@link dev.beacon.model.ServiceKey}, {@link dev.beacon.model.Instance},
 * {@link dev.beacon.model.InstanceRef}, settings, {@link dev.beacon.model.Metadata}, and one revision of a service,
 * {@link dev.beacon.model.ServiceView}, with its checksum and the list encodings it caches per revision.
 *
 * <ul>
 *   <li>May import only the client module's {@code dev.beacon.client.NamingProtocol} constants (which know nothing
 *       of the server), besides the JDK and Jackson core: it is the leaf every other package builds on, and must stay
 *       one.</li>
 *   <li>Any package may import it; nothing is excluded.</li>
 *   <li>Everything here is immutable and safe to share between threads without locks. The exceptions are caches
 *       whose races are benign: {@link dev.beacon.model.ServiceView#memo} (a race encodes twice, same bytes) and the
 *       JVM-wide interning table of {@link dev.beacon.model.Metadata} (a {@code ConcurrentHashMap}, capped, never
 *       evicted). Only the registry worker makes new views, through {@link dev.beacon.model.ServiceDraft}.</li>
 * </ul>
 */
package dev.beacon.model;
