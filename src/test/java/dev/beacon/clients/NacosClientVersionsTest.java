package dev.beacon.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Names;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every nacos-client release line still in use, 1.2.x to 1.4.x, each in a JVM of its own with exactly that release
 * and its dependencies on the class path (resolved from Maven Central), runs {@link ClientScenario} against one
 * standalone node. Before 1.4.2 the client looks {@code Content-Encoding} up case-sensitively: a gzip list answer
 * with a lower-case header was parsed as JSON and every read failed.
 */
class NacosClientVersionsTest {

  static final long DELETE_TIMEOUT = 3000;
  static ApiNode api;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.BEAT_INTERVAL, 500, Setting.BEAT_TIMEOUT, 1500,
        Setting.DELETE_TIMEOUT, DELETE_TIMEOUT, Setting.EXPIRY_CHECK_PERIOD, 200, Setting.CACHE_MILLIS, 500));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @ParameterizedTest(name = "nacos-client {0}")
  @ValueSource(strings = {"1.2.1", "1.3.3", "1.4.1", "1.4.2", "1.4.8"})
  void releaseLineRunsTheScenario(String version) throws Exception {
    String classpath = ClientJars.testClasspath("com.alibaba.nacos:nacos-client:" + version);
    assertTrue(classpath.contains(File.separator + "nacos-client-" + version + ".jar"), classpath);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", classpath, ClientScenario.class.getName(), "127.0.0.1:" + api.config().port(),
        Names.unique("v" + version.replace('.', '-')), String.valueOf(DELETE_TIMEOUT)));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "scenario ended");
    assertEquals(0, p.exitValue(), "nacos-client " + version + ":\n" + out);
    assertTrue(out.contains("SCENARIO PASSED"), out);
  }

  /** Header names in Tomcat's canonical case, byte for byte on the wire. */
  @Test
  void responseHeadersAreInCanonicalCase() throws IOException {
    assertEquals("ok", api.http().post("/v1/ns/instance", "serviceName", "canonical", "ip", "127.0.0.53",
        "port", "1").body());
    try (Socket s = new Socket("127.0.0.1", api.config().port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /nacos/v1/ns/instance/list?serviceName=canonical HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String head = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n\r\n")[0];
      assertTrue(head.contains("\r\nContent-Type: application/json"), head);
      assertTrue(head.contains("\r\nContent-Encoding: gzip"), head);
      assertTrue(head.contains("\r\nContent-Length: "), head);
    }
  }
}
