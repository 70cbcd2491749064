package dev.beacon.api;

import dev.beacon.model.BeaconError;
import dev.beacon.model.InstanceList;
import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * Request parameters the way Nacos reads them ({@code WebUtils}): query and form merged, values trimmed,
 * a blank optional means its default, a missing required one is {@code Param '<name>' is required.}.
 * {@code bearer} is the token of an {@code Authorization: Bearer} header; {@code principal} the user the request was
 * authenticated as (null when auth is off or the route is open).
 */
public record Params(MultiMap values, String userAgent, boolean acceptsGzip, String bearer, String principal) {

  public Params(MultiMap values, String userAgent) {
    this(values, userAgent, false);
  }

  public Params(MultiMap values, String userAgent, boolean acceptsGzip) {
    this(values, userAgent, acceptsGzip, null, null);
  }

  /** The token, where Nacos looks: the Bearer header first, then the {@code accessToken} parameter. */
  public String token() {
    return bearer != null ? bearer : optional("accessToken", null);
  }

  public Params as(String user) {
    return new Params(values, userAgent, acceptsGzip, bearer, user);
  }

  public String required(String name) {
    String v = optional(name, null);
    if (v == null) {
      throw BeaconError.badRequest("Param '" + name + "' is required.");
    }
    return v;
  }

  public String optional(String name, String fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    v = v.trim();
    return v.isEmpty() ? fallback : v;
  }

  public boolean has(String name) {
    return optional(name, null) != null;
  }

  public int intValue(String name, int fallback) {
    String v = optional(name, null);
    return v == null ? fallback : parseInt(v);
  }

  public int requiredInt(String name) {
    return parseInt(required(name));
  }

  public double doubleValue(String name, double fallback) {
    String v = optional(name, null);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw BeaconError.badRequest("For input string: \"" + v + "\"");
    }
  }

  /** Nacos {@code BooleanUtils.toBoolean}: true, on, yes, y, t (any case) are true; anything else false. */
  public boolean lenientBoolean(String name, boolean fallback) {
    String v = optional(name, null);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "y", "t" -> true;
      default -> false;
    };
  }

  /** {@code Boolean.parseBoolean}: only "true" is true (healthyOnly, isCheck). */
  public boolean strictBoolean(String name) {
    return Boolean.parseBoolean(optional(name, "false"));
  }

  /** True when the caller is a Java client of version 1.0.0 or later (Nacos then echoes grouped names). */
  public boolean groupedNamesAgent() {
    return InstanceList.groupedNames(userAgent);
  }


  private static int parseInt(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw BeaconError.badRequest("For input string: \"" + v + "\"");
    }
  }
}
