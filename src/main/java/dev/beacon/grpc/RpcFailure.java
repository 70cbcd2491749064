package dev.beacon.grpc;

/**
 * A protocol-level failure, answered with Nacos's {@code ErrorResponse} and its error code (the client then retries or
 * reconnects). A client mistake inside a well-formed request is not one of these: it gets the request's own response
 * type with {@code resultCode} 500 and the 4xx as {@code errorCode}, which the client reports without retrying.
 */
final class RpcFailure extends RuntimeException {

  /** Server not ready (starting, or switched off): the client tries another server. */
  static final int INVALID_SERVER_STATUS = 300;
  /** A request on a connection without set-up (or already removed): the client reconnects and redoes. */
  static final int UN_REGISTER = 301;
  /** An unknown {@code metadata.type}. */
  static final int NO_HANDLER = 302;
  /** A body that is not a Payload, or not JSON. */
  static final int BAD_BODY = 502;

  private final int code;

  RpcFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
