package dev.beacon.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique service names, so tests sharing a node never see each other's services. */
public final class Names {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Names() {
  }

  public static String unique(String prefix) {
    return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
  }
}
