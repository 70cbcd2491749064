package dev.beacon.http;

/** Which client agents Nacos pushes to over UDP (switch defaults pushJavaVersion 0.1.0 and so on). */
final class PushAgents {

  private PushAgents() {
  }

  static boolean canPush(String userAgent) {
    if (userAgent == null) {
      return false;
    }
    return userAgent.startsWith("Nacos-Java-Client:v") || userAgent.startsWith("Nacos-Go-Client:v")
        || userAgent.startsWith("Nacos-DNS:v") || userAgent.startsWith("Nacos-C-Client:v")
        || userAgent.startsWith("Nacos-CSharp-Client:v") || userAgent.startsWith("Nacos-SDK-Java");
  }
}
