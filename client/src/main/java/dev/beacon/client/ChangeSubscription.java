package dev.beacon.client;

import io.vertx.core.Future;

/** A subscription to a service's change feed made by {@link NamingClient#subscribe}; cancel it with unsubscribe. */
public interface ChangeSubscription {

  /** Stops delivering change events; completes once the event-bus consumer is gone. */
  Future<Void> unsubscribe();
}
