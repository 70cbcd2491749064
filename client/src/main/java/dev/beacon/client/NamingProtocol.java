package dev.beacon.client;

/**
 * The event-bus message contract between applications and Beacon servers, declared once: addresses, message fields,
 * headers and reply codes. The servers build on these very constants (they depend on this artifact), so a client and
 * the servers of the same version cannot disagree about them.
 *
 * <ul>
 *   <li>Requests: {@code {"action": <name>, "params": {...}}} sent to {@link #API} (any ready server) or to
 *       {@link #serverApi(String)} (that server); replies as described in the README ("Event-bus API").</li>
 *   <li>Interest: {@code {"namespace": …, "service": "GROUP@@name", "replyTo": <address>}} published on
 *       {@link #INTEREST}; the server responsible for the service sends the current state to {@code replyTo}.</li>
 *   <li>Changes: published on {@link #changesOf(String, String)}.</li>
 * </ul>
 */
public final class NamingProtocol {

  /** Cluster-wide request address every ready server consumes (the event bus picks one per request). */
  public static final String API = "beacon.naming";
  /** Prefix of each server's own request address: {@code beacon.naming.server.<server id>}. */
  public static final String SERVER_API_PREFIX = "beacon.naming.server.";
  /** Cluster-wide publish: interest in a service's change feed, renewed within the servers' feed-interest-ttl. */
  public static final String INTEREST = "beacon.naming.interest";
  /** Prefix of the per-service change feeds: {@code beacon.naming.changes.<namespace>.<GROUP@@name>}. */
  public static final String CHANGES_PREFIX = "beacon.naming.changes.";

  /** Request fields. */
  public static final String ACTION = "action";
  public static final String PARAMS = "params";
  /** Reply field of an array or text answer: {@code {"result": [...]}} / {@code {"result": "ok"}}. */
  public static final String RESULT = "result";

  /** Interest fields. */
  public static final String NAMESPACE = "namespace";
  public static final String SERVICE = "service";
  public static final String REPLY_TO = "replyTo";

  /** Change and list fields the client reads. */
  public static final String HOSTS = "hosts";
  public static final String REMOVED = "removed";

  /** Request header: the token of a logged-in client (servers with auth on). */
  public static final String TOKEN_HEADER = "accessToken";
  /** Reply header: the id of the server that answered. */
  public static final String SERVER_HEADER = "beacon-server";
  /** Request header (any value): asks the server to add {@link #SERVERS_HEADER} to its reply. */
  public static final String WANT_SERVERS_HEADER = "beacon-want-servers";
  /** Reply header: the ids of the registry servers the answering server sees, comma-separated. */
  public static final String SERVERS_HEADER = "beacon-servers";

  /** Failure codes ({@code ReplyException.failureCode()}, the HTTP status) and the beat code of an unknown instance. */
  public static final int BAD_REQUEST = 400;
  public static final int FORBIDDEN = 403;
  public static final int UNAVAILABLE = 503;
  public static final int BEAT_NOT_FOUND = 20404;

  public static final String DEFAULT_NAMESPACE = "public";
  public static final String DEFAULT_GROUP = "DEFAULT_GROUP";
  /** Between group and name in a grouped service name: {@code DEFAULT_GROUP@@orders}. */
  public static final String GROUP_SEPARATOR = "@@";

  /** The login action ({@code username}, {@code password}; answers {@code accessToken} and {@code tokenTtl}). */
  public static final String LOGIN = "auth.login";
  /** The one action that is not resent after a lost answer: a second create of the same service is a 400. */
  public static final String SERVICE_CREATE = "service.create";

  private NamingProtocol() {
  }

  /** The request address of one server. */
  public static String serverApi(String serverId) {
    return SERVER_API_PREFIX + serverId;
  }

  /** The change feed of one service. */
  public static String changesOf(String namespace, String groupedName) {
    return CHANGES_PREFIX + namespace + "." + groupedName;
  }

  /** {@code group@@name}, with {@link #DEFAULT_GROUP} for a null or blank group. */
  public static String groupedName(String group, String name) {
    return groupOrDefault(group) + GROUP_SEPARATOR + name;
  }

  public static String groupOrDefault(String group) {
    return group == null || group.isBlank() ? DEFAULT_GROUP : group;
  }
}
