package dev.beacon.http;

import dev.beacon.api.NamingRequests;
import dev.beacon.model.BeaconError;
import dev.beacon.model.ServiceView;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * The {@code selector} of a service listing, as Nacos 1.4 reads it: type {@code label} with one term
 * {@code INSTANCE.<anything>.<key> = '<value>'} (some instance's metadata has it) or {@code SERVICE.<anything>.<key> =
 * '<value>'} (the service's metadata has it) — whitespace ignored, quotes stripped, the last dotted factor is the key,
 * so {@code INSTANCE.label.k} and {@code INSTANCE.metadata.k} are the same. Type {@code none}, a blank expression or
 * no selector match everything; anything else is a 400 naming the offending part (Nacos fails those with a 500).
 */
record SelectorFilter(boolean instance, String key, String value) {

  static final SelectorFilter ALL = new SelectorFilter(false, null, null);
  private static final String FORM = "<INSTANCE|SERVICE>.<label|metadata>.<key> = '<value>'";

  static SelectorFilter parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return ALL;
    }
    JsonObject json;
    try {
      json = NamingRequests.jsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      json = null;
    }
    if (json == null) {
      throw BeaconError.badRequest("selector format incorrect: " + raw);
    }
    Object type = json.getValue("type");
    if ("none".equals(type)) {
      return ALL;
    }
    if (!"label".equals(type)) {
      throw BeaconError.badRequest("unsupported selector type: " + type + " (label or none)");
    }
    if (!(json.getValue("expression") instanceof String expression)) {
      throw BeaconError.badRequest("selector expression must be a string: " + raw);
    }
    String expr = expression.replaceAll("\\s+", "");
    if (expr.isEmpty()) {
      return ALL;
    }
    String[] terms = expr.split("=", -1);
    if (terms.length != 2 || terms[1].replace("'", "").isEmpty()) {
      throw BeaconError.badRequest("selector expression must be one term " + FORM + ": " + expression);
    }
    String[] factors = terms[0].split("\\.", -1);
    boolean instance = "INSTANCE".equals(factors[0]);
    if (!instance && !"SERVICE".equals(factors[0])) {
      throw BeaconError.badRequest("selector expression must start with INSTANCE or SERVICE, not '" + factors[0]
          + "': " + expression);
    }
    if (factors.length < 3 || Arrays.stream(factors).anyMatch(String::isEmpty)) {
      throw BeaconError.badRequest("selector expression names no metadata key in '" + terms[0] + "' (" + FORM + ")");
    }
    return new SelectorFilter(instance, factors[factors.length - 1], terms[1].replace("'", ""));
  }

  boolean matches(ServiceView view) {
    if (key == null) {
      return true;
    }
    if (instance) {
      return view.instances().stream().anyMatch(i -> value.equals(i.metadata().get(key)));
    }
    return value.equals(view.settings().metadata().get(key));
  }
}
