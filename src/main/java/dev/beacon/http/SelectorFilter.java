package dev.beacon.http;

import dev.beacon.model.BeaconError;
import dev.beacon.model.ServiceView;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The {@code selector} of a service listing: a label expression {@code INSTANCE.metadata.k = v} (some instance carries
 * it) or {@code SERVICE.metadata.k = v} (the service does). No selector matches everything.
 */
record SelectorFilter(boolean instance, String key, String value) {

  static final SelectorFilter ALL = new SelectorFilter(false, null, null);

  static SelectorFilter parse(String raw) {
    if (raw == null) {
      return ALL;
    }
    try {
      JsonObject json = NamingRequests.jsonObject(raw);
      if (json == null) {
        throw BeaconError.badRequest("selector format incorrect: " + raw);
      }
      if (!"label".equals(json.getValue("type"))) {
        return ALL;
      }
      String expr = json.getString("expression", "");
      int eq = expr.indexOf('=');
      String left = eq < 0 ? "" : expr.substring(0, eq).trim();
      String value = eq < 0 ? "" : expr.substring(eq + 1).trim();
      if (left.startsWith("INSTANCE.metadata.")) {
        return new SelectorFilter(true, left.substring("INSTANCE.metadata.".length()), value);
      }
      if (left.startsWith("SERVICE.metadata.")) {
        return new SelectorFilter(false, left.substring("SERVICE.metadata.".length()), value);
      }
      throw BeaconError.badRequest("unsupported selector expression: " + expr);
    } catch (DecodeException | ClassCastException e) {
      throw BeaconError.badRequest("selector format incorrect: " + raw);
    }
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
