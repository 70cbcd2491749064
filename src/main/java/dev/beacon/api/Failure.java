package dev.beacon.api;

import dev.beacon.auth.Denied;
import dev.beacon.core.ErrorReply;

/**
 * Why a request failed, in one structured form: the status, Nacos's message text (no transport wrapping), and
 * whether it was an auth refusal. {@link #of} is the one translation of any failure; each transport then renders it
 * once: HTTP as {@code caused: <message>;} (or Spring's 403 JSON when {@code denied}), the event-bus API as
 * {@code fail(status, message)}, gRPC as the response's {@code errorCode} and {@code message}.
 */
public record Failure(int status, String message, boolean denied) {

  /** Auth refusals are 403; everything else as {@link ErrorReply#of} maps it (4xx kept, 503, a bare 500). */
  public static Failure of(Throwable t) {
    if (t instanceof Denied e) {
      return new Failure(403, e.getMessage(), true);
    }
    ErrorReply reply = ErrorReply.of(t);
    return new Failure(reply.status(), reply.message(), false);
  }
}
