package dev.beacon.client;

/**
 * Settings of a {@link NamingClient}: the namespace it works in, how often it beats for its ephemeral instances and
 * how long it waits for a registry server to answer. Mutable while configuring; the client copies it on create.
 */
public final class NamingClientOptions {

  private String address = NamingProtocol.API;
  private String namespaceId = NamingProtocol.DEFAULT_NAMESPACE;
  private long beatInterval = 5000;
  private long requestTimeout = 1000;
  private long interestPeriod = 10_000;
  private long serverRefreshPeriod = 5000;
  private int unavailableRetries = 2;
  private String username;
  private String password;

  public NamingClientOptions() {
  }

  public NamingClientOptions(NamingClientOptions other) {
    this.address = other.address;
    this.namespaceId = other.namespaceId;
    this.beatInterval = other.beatInterval;
    this.requestTimeout = other.requestTimeout;
    this.interestPeriod = other.interestPeriod;
    this.serverRefreshPeriod = other.serverRefreshPeriod;
    this.unavailableRetries = other.unavailableRetries;
    this.username = other.username;
    this.password = other.password;
  }

  /**
   * How many times a request is sent again, each time to another server: after a 503 (a server starting, stopping or
   * without a Raft majority), when the event bus no longer knows the server (the cluster dropped it), and, for reads
   * and idempotent writes (every action but {@code service.create}), after no answer within
   * {@link #getRequestTimeout()} (a killed or cut-off server the cluster has not dropped yet); default 2, so with
   * three servers each is tried once. Also how many times {@code subscribe} declares its interest again when no
   * server acknowledged it.
   */
  public int getUnavailableRetries() {
    return unavailableRetries;
  }

  public NamingClientOptions setUnavailableRetries(int unavailableRetries) {
    if (unavailableRetries < 0) {
      throw new IllegalArgumentException("unavailableRetries must not be negative: " + unavailableRetries);
    }
    this.unavailableRetries = unavailableRetries;
    return this;
  }

  /**
   * Milliseconds between renewals of a subscription's interest; default 10000, well within the servers'
   * {@code feed-interest-ttl} (30000 by default), which it must stay below.
   */
  public long getInterestPeriod() {
    return interestPeriod;
  }

  public NamingClientOptions setInterestPeriod(long interestPeriod) {
    if (interestPeriod < 1) {
      throw new IllegalArgumentException("interestPeriod must be positive: " + interestPeriod);
    }
    this.interestPeriod = interestPeriod;
    return this;
  }

  /**
   * Milliseconds after which the client asks the server it talks to for the current list of servers again (in a
   * header of the next reply, no extra request); default 5000. A server the event bus no longer knows is forgotten
   * at once.
   */
  public long getServerRefreshPeriod() {
    return serverRefreshPeriod;
  }

  public NamingClientOptions setServerRefreshPeriod(long serverRefreshPeriod) {
    if (serverRefreshPeriod < 1) {
      throw new IllegalArgumentException("serverRefreshPeriod must be positive: " + serverRefreshPeriod);
    }
    this.serverRefreshPeriod = serverRefreshPeriod;
    return this;
  }

  /**
   * The event-bus address every registry server consumes, used while the client knows no server (the first request)
   * or has tried all it knows; default {@code beacon.naming}.
   */
  public String getAddress() {
    return address;
  }

  public NamingClientOptions setAddress(String address) {
    this.address = address;
    return this;
  }

  /** Namespace of every call and subscription; default {@code public}. */
  public String getNamespaceId() {
    return namespaceId;
  }

  public NamingClientOptions setNamespaceId(String namespaceId) {
    this.namespaceId = namespaceId;
    return this;
  }

  /**
   * Milliseconds before the first beat of each registered ephemeral instance; default 5000 (the servers' default).
   * Later beats follow the {@code clientBeatInterval} of the server's beat replies, as with nacos-client.
   */
  public long getBeatInterval() {
    return beatInterval;
  }

  public NamingClientOptions setBeatInterval(long beatInterval) {
    if (beatInterval < 1) {
      throw new IllegalArgumentException("beatInterval must be positive: " + beatInterval);
    }
    this.beatInterval = beatInterval;
    return this;
  }

  /**
   * Milliseconds to wait for one server's reply before the request goes to the next server (see
   * {@link #getUnavailableRetries()}) or, with no retry left, fails; default 1000, well below the event bus' 30 s
   * send timeout. Also how long {@code subscribe} waits for the acknowledgement of its interest.
   * A persistent write can take up to the servers' {@code raft-request-timeout} before it is answered 503: set this
   * above it to get that answer rather than a retry.
   */
  public long getRequestTimeout() {
    return requestTimeout;
  }

  public NamingClientOptions setRequestTimeout(long requestTimeout) {
    if (requestTimeout < 1) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    this.requestTimeout = requestTimeout;
    return this;
  }

  /** The user this client logs in as when the servers have auth on; null (the default) sends no token. */
  public String getUsername() {
    return username;
  }

  public String getPassword() {
    return password;
  }

  /**
   * Credentials for servers with auth on: the client logs in (action {@code auth.login}) before its first request,
   * sends the token in the {@code accessToken} header of every request and logs in again before the token expires
   * or when a server refuses it.
   */
  public NamingClientOptions setCredentials(String username, String password) {
    this.username = username;
    this.password = password;
    return this;
  }
}
