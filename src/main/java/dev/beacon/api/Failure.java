package dev.beacon.api;

import dev.beacon.auth.Denied;
import dev.beacon.model.BeaconError;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Why a request failed, in one structured form: the status, Nacos's message text (no transport wrapping), and
 * whether it was an auth refusal. {@link #of} is the one translation of any failure; each transport then renders it
 * once: HTTP as {@code caused: <message>;} (or Spring's 403 JSON when {@code denied}), the event-bus API as
 * {@code fail(status, message)}, gRPC as the response's {@code errorCode} and {@code message}.
 */
public record Failure(int status, String message, boolean denied) {

  private static final Logger LOG = Logger.getLogger(Failure.class.getName());

  /**
   * Client mistakes keep their 4xx, refusals are 403, a peer or the worker that does not answer is 503; anything
   * else is a bug, logged here with its stack trace and answered as a bare 500.
   */
  public static Failure of(Throwable t) {
    if (t instanceof BeaconError e) {
      return new Failure(e.status(), e.getMessage(), false);
    }
    if (t instanceof Denied e) {
      return new Failure(403, e.getMessage(), true);
    }
    if (t instanceof ReplyException e) {
      if (e.failureType() == ReplyFailure.RECIPIENT_FAILURE && e.failureCode() >= 400 && e.failureCode() < 600) {
        return new Failure(e.failureCode(), e.getMessage(), false);
      }
      return new Failure(503, "registry not available: " + e.getMessage(), false);
    }
    LOG.log(Level.WARNING, "unexpected failure", t);
    return new Failure(500, "internal error: " + t.getClass().getSimpleName(), false);
  }
}
