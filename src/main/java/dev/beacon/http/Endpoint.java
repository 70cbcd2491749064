package dev.beacon.http;

import dev.beacon.api.Params;
import io.vertx.core.Future;

/** One operation of the naming API: parameters in, reply out. Shared by HTTP and the event-bus API. */
@FunctionalInterface
public interface Endpoint {
  Future<Reply> handle(Params params);
}
