package dev.beacon.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens in the shape Nacos issues them: header {@code {"alg":"HS256"}}, claims {@code sub} and
 * {@code exp} (seconds) only. Verification accepts HS256 alone (no {@code none}, no other algorithm), requires
 * {@code exp} and compares signatures in constant time; plain JDK crypto, so every rule is visible here.
 */
final class Jwt {

  private static final String ALGORITHM = "HmacSHA256";
  private static final String HEADER = encode(new JsonObject().put("alg", "HS256").toBuffer().getBytes());

  /**
   * A verified token's claims. {@code credential}: Beacon's own claim {@code cred}, a fingerprint of the password
   * the user had when the token was issued (null in tokens that lack it: issued by an earlier version).
   */
  record Claims(String subject, long expiresAtSeconds, String credential) {
  }

  private final SecretKeySpec key;

  Jwt(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  String sign(String subject, long expiresAtSeconds) {
    return sign(subject, expiresAtSeconds, null);
  }

  String sign(String subject, long expiresAtSeconds, String credential) {
    JsonObject claims = new JsonObject().put("sub", subject).put("exp", expiresAtSeconds);
    if (credential != null) {
      claims.put("cred", credential);
    }
    String payload = encode(claims.toBuffer().getBytes());
    String signingInput = HEADER + "." + payload;
    return signingInput + "." + encode(mac(signingInput));
  }

  /** The claims of an authentic token; {@link Denied} with Nacos's reason otherwise (expiry only once authentic). */
  Claims verify(String token, long nowSeconds) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new Denied(Denied.TOKEN_INVALID);
    }
    try {
      JsonObject header = new JsonObject(new String(decode(parts[0]), StandardCharsets.UTF_8));
      if (!"HS256".equals(header.getValue("alg")) || header.containsKey("crit")) {
        throw new Denied(Denied.TOKEN_INVALID);
      }
      if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), decode(parts[2]))) {
        throw new Denied(Denied.TOKEN_INVALID);
      }
      JsonObject claims = new JsonObject(new String(decode(parts[1]), StandardCharsets.UTF_8));
      if (!(claims.getValue("sub") instanceof String subject) || subject.isEmpty()
          || !(claims.getValue("exp") instanceof Number exp)) {
        throw new Denied(Denied.TOKEN_INVALID);
      }
      if (nowSeconds >= exp.longValue()) {
        throw new Denied(Denied.TOKEN_EXPIRED);
      }
      Object credential = claims.getValue("cred");
      if (credential != null && !(credential instanceof String)) {
        throw new Denied(Denied.TOKEN_INVALID);
      }
      return new Claims(subject, exp.longValue(), (String) credential);
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      throw new Denied(Denied.TOKEN_INVALID);
    }
  }

  private byte[] mac(String signingInput) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call (cheap next to the request)
      mac.init(key);
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] decode(String part) {
    return Base64.getUrlDecoder().decode(part);
  }
}
