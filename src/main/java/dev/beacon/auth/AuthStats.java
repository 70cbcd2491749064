package dev.beacon.auth;

import java.util.concurrent.atomic.LongAdder;

/** Counters for {@code /metrics}: failed logins (also inline credentials), expired tokens, refused calls. */
public final class AuthStats {

  public final LongAdder loginFailures = new LongAdder();
  public final LongAdder expiredTokens = new LongAdder();
  /** Tokens refused because their user's password changed after they were issued. */
  public final LongAdder retiredTokens = new LongAdder();
  public final LongAdder forbidden = new LongAdder();
}
