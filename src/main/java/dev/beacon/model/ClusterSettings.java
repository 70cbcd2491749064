package dev.beacon.model;

/**
 * A cluster of a service and its health-check settings (used for persistent instances).
 * checker type is TCP (default), HTTP or NONE; for HTTP, path and expected code; headers are passed as given.
 */
public record ClusterSettings(String name, String checkerType, String checkPath, int expectedCode, String headers,
                              int checkPort, boolean useInstancePort, Metadata metadata) {

  public static ClusterSettings defaults(String name) {
    return new ClusterSettings(name.intern(), "TCP", "", 200, "", 80, true, Metadata.EMPTY);
  }

  public boolean manualHealth() {
    return "NONE".equals(checkerType);
  }
}
