package dev.beacon.registry;

/**
 * Revisions are hybrid logical clock readings: wall-clock millis in the high bits, a counter in the low 16.
 * A revision is always above the one it replaces and above every revision this node has seen, so when responsibility
 * for a service moves to another node its next revision still orders after the old owner's last one
 * (as long as clocks are within the time the move takes), and replicas can apply "newer wins".
 */
public final class HybridClock {

  private static final int LOGICAL_BITS = 16;
  private long last;

  /** The next revision for a view whose current revision is {@code previous}. */
  public synchronized long next(long previous) {
    long physical = System.currentTimeMillis() << LOGICAL_BITS;
    last = Math.max(physical, Math.max(last, previous) + 1);
    return last;
  }

  /** Keep the clock ahead of a revision received from a peer. */
  public synchronized void observe(long remote) {
    last = Math.max(last, remote);
  }

  public static long millisOf(long revision) {
    return revision >>> LOGICAL_BITS;
  }
}
