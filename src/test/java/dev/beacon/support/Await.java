package dev.beacon.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition by polling; fails with a description instead of sleeping a fixed time. */
public final class Await {

  /**
   * How long a test waits for a condition that has no bound of its own to assert (a bound the product promises, such
   * as a heal time or a change arriving within a second, is a named constant of its test). Generous: awaiting returns
   * as soon as the condition holds, so this only decides how long a failing test takes to say so.
   */
  public static final Duration WAIT = Duration.ofSeconds(20);

  /** For starting server JVMs, forming a cluster and electing a Raft leader, on a loaded 2-core machine. */
  public static final Duration START = WAIT.multipliedBy(6);

  private Await() {
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }

  /** Holds for {@code duration}: checks the condition all along and fails the first time it does not hold. */
  public static void holds(String what, Duration duration, BooleanSupplier condition) {
    long end = System.nanoTime() + duration.toNanos();
    until(what + " for " + duration, duration.plusSeconds(5), () -> {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("no longer true: " + what);
      }
      return System.nanoTime() > end;
    });
  }

  /** Polls {@code value} until it satisfies {@code test}; returns the value that did. */
  public static <T> T value(String what, Duration timeout, Supplier<T> value, Predicate<T> test) {
    Object[] last = new Object[1];
    until(what, timeout, () -> {
      last[0] = value.get();
      return test.test((T) last[0]);
    });
    @SuppressWarnings("unchecked") T result = (T) last[0];
    return result;
  }

  /**
   * A deliberate wait, not for a condition: how long a fault lasts (a network cut, a node down) or a quiet period
   * before a last look, whatever the nodes do meanwhile.
   */
  public static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted pausing");
    }
  }

  /** Checks {@code condition} repeatedly for the whole of {@code period}: for things that must keep holding. */
  public static void during(String what, Duration period, BooleanSupplier condition) {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("stopped holding: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted checking: " + what);
      }
    }
  }
}
