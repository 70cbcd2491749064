package dev.beacon.http;

import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.core.ReplicatedEntries;
import dev.beacon.model.BeaconError;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Namespaces;
import dev.beacon.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code /v1/console/namespaces} as Nacos's console calls it: the list (public, the defined namespaces and those that
 * only hold services, with service and instance counts), one namespace, create, edit, delete. Definitions are Raft
 * entries; a namespace that still holds services cannot be deleted.
 */
final class NamespaceEndpoints {

  private static final Pattern ID = Pattern.compile("^[\\w-]+$");
  private static final Pattern ILLEGAL_NAME = Pattern.compile("[@#$%^&*]");
  private static final int MAX_ID = 128;
  private static final int MAX_NAME = 128;
  private static final int MAX_DESC = 256;
  private static final Reply TRUE = Reply.json(Buffer.buffer("true"));

  private final Registry registry;
  private final Namespaces namespaces;
  private final ReplicatedEntries entries;

  NamespaceEndpoints(Registry registry, Namespaces namespaces, ReplicatedEntries entries) {
    this.registry = registry;
    this.namespaces = namespaces;
    this.entries = entries;
  }

  /** {@code GET}: the list; with {@code show=all&namespaceId=} one namespace (404 when it does not exist). */
  Future<Reply> list(Params p) {
    Map<String, long[]> counts = counts();
    if ("all".equals(p.optional("show", null))) {
      String id = publicAsEmpty(p.optional("namespaceId", ""));
      if (!exists(id, counts)) {
        throw BeaconError.notFound("namespace " + id + " is not found");
      }
      return Future.succeededFuture(Reply.json(describe(id, counts)));
    }
    JsonArray data = new JsonArray().add(describe("", counts));
    TreeMap<String, Boolean> ids = new TreeMap<>();
    namespaces.defined().keySet().forEach(id -> ids.put(id, true));
    counts.keySet().forEach(id -> ids.put(id, true));
    ids.remove(ServiceKey.DEFAULT_NAMESPACE);
    ids.keySet().forEach(id -> data.add(describe(id, counts)));
    return Future.succeededFuture(Reply.json(new JsonObject().put("code", 200).put("message", null).put("data", data)));
  }

  /** {@code POST customNamespaceId, namespaceName, namespaceDesc}: a blank id is a new UUID, as in Nacos. */
  Future<Reply> create(Params p) {
    String id = p.optional("customNamespaceId", UUID.randomUUID().toString());
    if (id.length() > MAX_ID) {
      throw BeaconError.badRequest("too long namespaceId, over " + MAX_ID);
    }
    if (!ID.matcher(id).matches()) {
      throw BeaconError.badRequest("namespaceId [" + id + "] mismatch the pattern: letters, digits, '_' and '-' only");
    }
    if (id.equals(ServiceKey.DEFAULT_NAMESPACE)) {
      throw BeaconError.badRequest("the namespaceId is existed, namespaceId: " + id);
    }
    return submit("create", id, name(p, "namespaceName"), description(p)).map(TRUE);
  }

  /** {@code PUT namespace, namespaceShowName, namespaceDesc}; public cannot be edited. */
  Future<Reply> update(Params p) {
    String id = publicAsEmpty(p.required("namespace"));
    String name = name(p, "namespaceShowName");
    if (id.isEmpty()) {
      throw BeaconError.badRequest("the public namespace cannot be edited");
    }
    if (!exists(id, counts())) {
      throw BeaconError.notFound("namespace " + id + " is not found");
    }
    return submit("update", id, name, description(p)).map(TRUE);
  }

  /** {@code DELETE namespaceId}: refused while the namespace holds a service. */
  Future<Reply> delete(Params p) {
    String id = publicAsEmpty(p.required("namespaceId"));
    if (id.isEmpty()) {
      throw BeaconError.badRequest("the public namespace cannot be deleted");
    }
    long[] count = counts().get(id);
    if (count != null) {
      throw BeaconError.badRequest("namespace " + id + " is not empty: " + count[0] + " services, " + count[1]
          + " instances");
    }
    return submit("delete", id, null, null).map(TRUE);
  }

  private Future<Void> submit(String op, String id, String name, String description) {
    return entries.submit(Namespaces.entry(op, id, name, description)).mapEmpty();
  }

  private static String name(Params p, String param) {
    String name = p.required(param);
    if (name.length() > MAX_NAME) {
      throw BeaconError.badRequest("too long " + param + ", over " + MAX_NAME);
    }
    if (ILLEGAL_NAME.matcher(name).find()) {
      throw BeaconError.badRequest(param + " [" + name + "] contains illegal char");
    }
    return name;
  }

  private static String description(Params p) {
    String desc = p.optional("namespaceDesc", "");
    if (desc.length() > MAX_DESC) {
      throw BeaconError.badRequest("too long namespaceDesc, over " + MAX_DESC);
    }
    return desc;
  }

  /** The console names the public namespace {@code ""}; the registry {@code public}. */
  private static String publicAsEmpty(String id) {
    return id.equals(ServiceKey.DEFAULT_NAMESPACE) ? "" : id;
  }

  private boolean exists(String id, Map<String, long[]> counts) {
    return id.isEmpty() || namespaces.get(id) != null || counts.containsKey(id);
  }

  /** Services and instances per namespace id, in one pass over the registry. */
  private Map<String, long[]> counts() {
    Map<String, long[]> counts = new TreeMap<>();
    for (ServiceView v : registry.views()) {
      long[] c = counts.computeIfAbsent(v.key().namespace(), k -> new long[2]);
      c[0]++;
      c[1] += v.size();
    }
    return counts;
  }

  private JsonObject describe(String id, Map<String, long[]> counts) {
    Namespaces.Definition d = id.isEmpty() ? null : namespaces.get(id);
    long[] c = counts.getOrDefault(id.isEmpty() ? ServiceKey.DEFAULT_NAMESPACE : id, new long[2]);
    String name = id.isEmpty() ? ServiceKey.DEFAULT_NAMESPACE : d == null ? id : d.name();
    return new JsonObject().put("namespace", id).put("namespaceShowName", name)
        .put("namespaceDesc", d == null ? "" : d.description()).put("quota", 200).put("configCount", 0)
        .put("serviceCount", c[0]).put("instanceCount", c[1]).put("defined", id.isEmpty() || d != null)
        .put("type", id.isEmpty() ? 0 : 2);
  }
}
