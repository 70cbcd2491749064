package dev.beacon.model;

/**
 * A client mistake or a refusal, carrying the HTTP status it maps to. The one error type that reaches the edges:
 * {@code dev.beacon.api.Failure} turns it (and every other failure) into the status and message each transport renders.
 */
public final class BeaconError extends RuntimeException {

  private final int status;

  public BeaconError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public static BeaconError badRequest(String message) {
    return new BeaconError(400, message);
  }

  public static BeaconError notFound(String message) {
    return new BeaconError(404, message);
  }

  public static BeaconError unavailable(String message) {
    return new BeaconError(503, message);
  }

  public int status() {
    return status;
  }
}
