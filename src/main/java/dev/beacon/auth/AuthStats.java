package dev.beacon.auth;

import java.util.concurrent.atomic.LongAdder;

/** Counters for {@code /metrics}: failed logins (also inline credentials), expired tokens, refused calls. */
public final class AuthStats {

  public final LongAdder loginFailures = new LongAdder();
  public final LongAdder expiredTokens = new LongAdder();
  public final LongAdder forbidden = new LongAdder();
}
