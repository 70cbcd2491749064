package dev.beacon.config;

import java.util.Locale;

/**
 * Every configuration key Beacon reads, declared once with its default and meaning.
 * One naming rule links the three spellings: key {@code data-dir} = env {@code BEACON_DATA_DIR} = {@code --data-dir=/x}.
 * Durations are milliseconds unless the meaning says seconds (the cluster timings and the token lifetime, as Nacos).
 */
public enum Setting {
  HOST("host", "127.0.0.1", "address the HTTP API binds to"),
  PORT("port", "8848", "HTTP port of the Nacos API"),
  GRPC_PORT("grpc-port", "0", "gRPC port of the Nacos 2.x API (nacos-client 2.x); 0 = port + 1000, as the client expects"),
  GRPC_IDLE_TIMEOUT("grpc-idle-timeout", "20000",
      "a gRPC connection silent this long is closed and its instances removed (live clients check every 5 s)"),
  DATA_DIR("data-dir", "./data", "directory for Raft log and snapshots"),
  NODE_ID("node-id", "", "this node's id in raft-peers; empty = derived from host:port"),
  CLUSTER_MEMBERS("cluster-members", "", "comma-separated host:port of Hazelcast members; empty = standalone"),
  CLUSTER_HOST("cluster-host", "127.0.0.1", "address Hazelcast and the event bus bind to and announce"),
  CLUSTER_PORT("cluster-port", "5701", "this node's Hazelcast port"),
  EVENT_BUS_PORT("event-bus-port", "0", "clustered event-bus port; 0 = any free port"),
  CLUSTER_PUBLIC_HOST("cluster-public-host", "", "address peers use to reach this node's event bus; empty = cluster-host"),
  CLUSTER_CONFIG("cluster-config", "cluster.xml", "Hazelcast config file; the copy in the jar when the file is missing"),
  CLUSTER_JOIN_WAIT("cluster-join-wait", "1", "seconds Hazelcast waits for other members before it forms a cluster"),
  CLUSTER_HEARTBEAT("cluster-heartbeat", "5", "seconds between Hazelcast member heartbeats"),
  CLUSTER_MERGE_PERIOD("cluster-merge-period", "5",
      "seconds between Hazelcast's searches for the other half of a split cluster (merge after a partition)"),
  CLUSTER_SECRET("cluster-secret", "",
      "servers' shared secret: seals their internal messages (beacon.distro.*) against forgery; needed with auth on"),
  CLUSTER_MEMBER_TIMEOUT("cluster-member-timeout", "30", "seconds without a heartbeat before Hazelcast drops a member"),
  RAFT_PEERS("raft-peers", "", "comma-separated id=host:port of the Raft group; empty = single-member group"),
  RAFT_PORT("raft-port", "7848", "Raft port of a single-member group (standalone)"),
  RAFT_SNAPSHOT_ENTRIES("raft-snapshot-entries", "10000", "Raft log entries between snapshots of persistent data"),
  RAFT_REQUEST_TIMEOUT("raft-request-timeout", "3000",
      "how long a persistent write, or a consistent read, waits for a majority before 503"),
  RAFT_READS("raft-reads", "linearizable",
      "persistent data reads: linearizable (confirmed with the Raft leader; 503 without majority) or stale (local)"),
  SERVICE_DELETE_GUARD("service-delete-guard", "false",
      "refuse deleting a service that has instances (Nacos 2.x); false = delete it with them (Nacos 1.4)"),
  HTTP_VERTICLES("http-verticles", "0", "HttpVerticle instances; 0 = one per core"),
  MAX_BODY_BYTES("max-body-bytes", "1048576", "largest accepted request body; larger gets 413"),
  BEAT_INTERVAL("beat-interval", "5000", "client beat interval returned as clientBeatInterval"),
  BEAT_TIMEOUT("beat-timeout", "15000", "no beat for this long marks an ephemeral instance unhealthy"),
  DELETE_TIMEOUT("delete-timeout", "30000", "no beat for this long removes an ephemeral instance"),
  EXPIRY_CHECK_PERIOD("expiry-check-period", "1000", "period of the beat-expiry timer"),
  EMPTY_SERVICE_TTL("empty-service-ttl", "60000", "an ephemeral-only service left empty this long is removed"),
  WORKER_BATCH_DELAY("worker-batch-delay", "0", "registry worker waits this long to batch commands; 0 = next tick"),
  CACHE_MILLIS("cache-millis", "3000", "cacheMillis in list responses without push"),
  PUSH_CACHE_MILLIS("push-cache-millis", "10000", "cacheMillis with push; a push subscriber expires after this"),
  PUSH_DELAY("push-delay", "20", "changes to one service within this window make one push"),
  FEED_INTEREST_TTL("feed-interest-ttl", "30000", "event-bus change feed of a service stops this long after the last interest"),
  PUSH_ACK_TIMEOUT("push-ack-timeout", "10000", "resend a UDP push not acknowledged within this"),
  PUSH_RETRIES("push-retries", "1", "resends of an unacknowledged UDP push"),
  PUSH_SWEEP_PERIOD("push-sweep-period", "20000", "period of removing expired push subscribers"),
  HEALTH_CHECK_PERIOD("health-check-period", "5000", "period of TCP/HTTP checks of persistent instances"),
  HEALTH_CHECK_TIMEOUT("health-check-timeout", "2000", "timeout of one TCP/HTTP health check"),
  HEALTH_CHECK_TIMES("health-check-times", "1", "results in a row needed to flip a persistent instance's health"),
  DISTRO_DELTA_DELAY("distro-delta-delay", "5", "the responsible node batches changed views this long"),
  DISTRO_VERIFY_PERIOD("distro-verify-period", "5000", "period of checksum verification between servers"),
  DISTRO_HELLO_PERIOD("distro-hello-period", "2000", "period of the membership hello"),
  DISTRO_MEMBER_TIMEOUT("distro-member-timeout", "10000", "a server not heard from this long is dropped"),
  DISTRO_FORWARD_TIMEOUT("distro-forward-timeout", "500",
      "wait for the responsible node before applying locally; below NamingClient's requestTimeout (1000)"),
  DISTRO_SYNC_CHUNK("distro-sync-chunk", "2000", "services per chunk of a full sync"),
  SHUTDOWN_TIMEOUT("shutdown-timeout", "10000", "longest graceful shutdown before exit"),
  AUTH_ENABLED("auth-enabled", "false",
      "check tokens and permissions on the naming API (Nacos nacos.core.auth.enabled); off = open, as Nacos"),
  AUTH_SECRET_KEY("auth-secret-key", "", "Base64 HS256 key of the tokens, at least 32 bytes; required with auth on"),
  AUTH_TOKEN_TTL("auth-token-ttl", "18000", "token lifetime in seconds, returned to clients as tokenTtl"),
  AUTH_ADMIN_PASSWORD("auth-admin-password", "",
      "creates the admin user nacos with this password on start when no admin exists; empty = none"),
  LOG_LEVEL("log-level", "INFO", "root log level (JUL names or SLF4J names)");

  private final String key;
  private final String defaultValue;
  private final String meaning;

  Setting(String key, String defaultValue, String meaning) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String meaning() {
    return meaning;
  }

  /** {@code data-dir} → {@code BEACON_DATA_DIR}. */
  public String envName() {
    return "BEACON_" + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /** Values never printed (configuration dumps, logs). */
  public boolean secret() {
    return this == AUTH_SECRET_KEY || this == AUTH_ADMIN_PASSWORD || this == CLUSTER_SECRET;
  }

  public static Setting byKey(String key) {
    for (Setting s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    return null;
  }
}
