package dev.beacon.core;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The codec of every message that stays inside one node: the object itself is handed over, nothing is serialised.
 * Messages opt in by implementing {@link LocalMessage}.
 */
public final class LocalCodec extends ByReferenceCodec {

  public static final String NAME = "beacon-local";

  public LocalCodec() {
    super(NAME);
  }

  /** Marker for records passed by reference over the local event bus. */
  public interface LocalMessage {
  }

  public static void install(Vertx vertx) {
    vertx.eventBus().registerCodec(new LocalCodec());
    vertx.eventBus().codecSelector(body -> body instanceof LocalMessage ? NAME : null);
  }

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new UnsupportedOperationException("local message sent across the cluster: " + o.getClass().getName());
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("local message received from the cluster");
  }
}
