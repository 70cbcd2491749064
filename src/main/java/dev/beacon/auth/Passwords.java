package dev.beacon.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * BCrypt password hashes: new ones at cost {@value #COST} as {@code $2a$} (what Nacos's users table holds), and any
 * {@code $2a$}/{@code $2b$}/{@code $2y$} hash accepted, so a Nacos users table can be imported. Both calls take tens
 * of milliseconds on purpose: callers run them off the event loops.
 */
public final class Passwords {

  static final int COST = 10;

  private Passwords() {
  }

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public static boolean matches(String password, String hash) {
    if (hash == null || password == null) {
      return false;
    }
    try {
      return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
          hash.getBytes(StandardCharsets.UTF_8)).verified;
    } catch (IllegalArgumentException e) {
      return false; // not a BCrypt hash
    }
  }
}
