package dev.beacon.core;

import dev.beacon.model.BeaconError;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The status and message a failure is answered with: the one error mapping, used by the API edges ({@code
 * api.Failure}, which adds auth refusals) and by the verticles that answer event-bus requests (the registry worker,
 * Distro's forwarded writes). A client mistake keeps its status, a refusal passed on by another verticle keeps its
 * code, a verticle that does not answer is 503, and anything else is a bug: logged here with its stack trace and
 * answered as a bare 500.
 */
public record ErrorReply(int status, String message) {

  private static final Logger LOG = Logger.getLogger(ErrorReply.class.getName());

  public static ErrorReply of(Throwable t) {
    return of(t, null);
  }

  /** {@code during}: what failed, named in the log line of an unexpected failure. */
  public static ErrorReply of(Throwable t, Object during) {
    if (t instanceof BeaconError e) {
      return new ErrorReply(e.status(), e.getMessage());
    }
    if (t instanceof ReplyException e) {
      if (e.failureType() == ReplyFailure.RECIPIENT_FAILURE && e.failureCode() >= 400 && e.failureCode() < 600) {
        return new ErrorReply(e.failureCode(), e.getMessage());
      }
      return new ErrorReply(503, "registry not available: " + e.getMessage());
    }
    LOG.log(Level.WARNING, during == null ? "unexpected failure" : "unexpected failure: " + during, t);
    return new ErrorReply(500, "internal error: " + t.getClass().getSimpleName());
  }

  /** Answers an event-bus request with this failure. */
  public void fail(Message<?> request) {
    request.fail(status, message);
  }
}
