package dev.beacon.http;

import dev.beacon.model.BeaconError;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place a failure becomes a reply: client mistakes keep their 4xx, an unreachable peer or quorum is 503. */
public final class Failures {

  private static final Logger LOG = Logger.getLogger(Failures.class.getName());

  private Failures() {
  }

  public static Reply toReply(Throwable t) {
    if (t instanceof BeaconError e) {
      return Reply.error(e.status(), e.getMessage());
    }
    if (t instanceof ReplyException e) {
      if (e.failureType() == ReplyFailure.RECIPIENT_FAILURE && e.failureCode() >= 400 && e.failureCode() < 600) {
        return Reply.error(e.failureCode(), e.getMessage());
      }
      return Reply.error(503, "registry not available: " + e.getMessage());
    }
    LOG.log(Level.WARNING, "unexpected failure", t);
    return Reply.error(500, "internal error: " + t.getClass().getSimpleName());
  }
}
