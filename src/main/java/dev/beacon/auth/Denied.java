package dev.beacon.auth;

/**
 * A refused request: the caller is unknown, its token is bad or expired, or it lacks the permission. Carries Nacos's
 * reason text, which the edge turns into a 403 (Nacos never answers 401 on the naming API).
 */
public final class Denied extends RuntimeException {

  public static final String UNKNOWN_USER = "unknown user!";
  public static final String TOKEN_EXPIRED = "token expired!";
  public static final String TOKEN_INVALID = "token invalid!";
  public static final String NOT_PERMITTED = "authorization failed!";
  public static final String RESOURCE_INVALID = "resource name invalid!";

  public Denied(String reason) {
    super(reason, null, false, false);
  }
}
