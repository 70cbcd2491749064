package dev.beacon.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a request is: issues tokens on login and turns a token or inline credentials back into a user name.
 * Verified tokens are cached (the same token repeats on every call of a client), but each use still checks the
 * expiry and that the user exists now, so a deleted user is refused at once. Thread-safe; BCrypt runs on workers.
 */
public final class Authenticator {

  /** Bounds the caches; past it they start over (a cache miss costs one HMAC, or one BCrypt for inline passwords). */
  private static final int MAX_CACHED = 10_000;

  private final Vertx vertx;
  private final AuthStore store;
  private final Jwt jwt;
  private final long ttlSeconds;
  private final AuthStats stats = new AuthStats();
  private final Map<String, Jwt.Claims> verified = new ConcurrentHashMap<>();
  /** user + password digest → the hash it matched: valid while the user's stored hash is that one. */
  private final Map<String, String> passwordsSeen = new ConcurrentHashMap<>();

  /** {@code key} null: a random one (auth off without a key: tokens are issued but never read). */
  public Authenticator(Vertx vertx, AuthStore store, byte[] key, long ttlSeconds) {
    this.vertx = vertx;
    this.store = store;
    this.jwt = new Jwt(key != null ? key : randomKey());
    this.ttlSeconds = ttlSeconds;
  }

  public AuthStore store() {
    return store;
  }

  public AuthStats stats() {
    return stats;
  }

  /** The lifetime of every token issued, as clients are told it ({@code tokenTtl}). */
  public long ttlSeconds() {
    return ttlSeconds;
  }

  /** A token for {@code user}, bound to the password the user has now: a change of password retires it. */
  public String issue(String user) {
    String hash = store.data().users().get(user);
    return jwt.sign(user, System.currentTimeMillis() / 1000 + ttlSeconds, hash == null ? null : credential(hash));
  }

  /** The existing user a token names; {@link Denied} if it is forged, expired or its user is gone. */
  public String verify(String token) {
    long now = System.currentTimeMillis() / 1000;
    Jwt.Claims claims = verified.get(token);
    try {
      if (claims == null) {
        claims = jwt.verify(token, now);
        if (verified.size() >= MAX_CACHED) {
          verified.clear();
        }
        verified.put(token, claims);
      } else if (now >= claims.expiresAtSeconds()) {
        verified.remove(token);
        throw new Denied(Denied.TOKEN_EXPIRED);
      }
    } catch (Denied d) {
      if (Denied.TOKEN_EXPIRED.equals(d.getMessage())) {
        stats.expiredTokens.increment();
      }
      throw d;
    }
    String hash = store.data().users().get(claims.subject());
    if (hash == null) {
      throw new Denied(Denied.UNKNOWN_USER);
    }
    // Users change only by Raft entries applied on every node, so every node retires the old tokens alike.
    if (claims.credential() != null && !claims.credential().equals(credential(hash))) {
      stats.retiredTokens.increment();
      throw new Denied(Denied.TOKEN_INVALID);
    }
    return claims.subject();
  }

  /** The user if the password is theirs; failed with {@link Denied} {@code unknown user!} otherwise. */
  public Future<String> login(String user, String password) {
    String hash = store.data().users().get(user);
    if (hash == null) {
      stats.loginFailures.increment();
      return Future.failedFuture(new Denied(Denied.UNKNOWN_USER));
    }
    String seenKey = user + '\n' + digest(password);
    if (hash.equals(passwordsSeen.get(seenKey))) {
      return Future.succeededFuture(user);
    }
    return vertx.executeBlocking(() -> Passwords.matches(password, hash), false).compose(ok -> {
      if (!ok) {
        stats.loginFailures.increment();
        return Future.failedFuture(new Denied(Denied.UNKNOWN_USER));
      }
      if (passwordsSeen.size() >= MAX_CACHED) {
        passwordsSeen.clear();
      }
      passwordsSeen.put(seenKey, hash);
      return Future.succeededFuture(user);
    });
  }

  /**
   * What a token records of its user's password: a short digest of the stored BCrypt hash (itself salted), so a new
   * password, or a user deleted and created again, no longer matches tokens issued before.
   */
  private static String credential(String hash) {
    return digest(hash).substring(0, 16);
  }

  private static String digest(String password) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
