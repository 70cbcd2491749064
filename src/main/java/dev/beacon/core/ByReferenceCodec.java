package dev.beacon.core;

import io.vertx.core.eventbus.MessageCodec;

/**
 * What Beacon's event-bus codecs share: within one node the object itself is handed over (records are immutable),
 * found by name, not a system codec. Subclasses say what crosses the wire.
 */
public abstract class ByReferenceCodec implements MessageCodec<Object, Object> {

  private final String name;

  protected ByReferenceCodec(String name) {
    this.name = name;
  }

  @Override
  public final Object transform(Object o) {
    return o;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }
}
