package dev.beacon.registry;

import dev.beacon.core.LocalCodec.LocalMessage;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;

/**
 * One heartbeat. {@code fromBody} is the instance described by the client's {@code beat} JSON, or null for a light
 * beat; Nacos re-registers a missing instance from it.
 */
public record Beat(ServiceKey key, InstanceRef ref, Instance fromBody) implements LocalMessage {
}
