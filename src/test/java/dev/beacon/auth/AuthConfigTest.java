package dev.beacon.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.support.AuthUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auth settings: unsafe keys refuse the start (Beacon.main exits 2 with the message), Nacos's names are accepted. */
class AuthConfigTest {

  @Test
  void authOnRefusesMissingShortNonBase64AndSampleKeys() {
    Map<String, String> refusals = Map.of(
        "", "needs auth-secret-key",
        "c2hvcnQ=", "decodes to 5 bytes",
        "not base64 at all!", "not valid Base64",
        "SecretKey012345678901234567890123456789012345678901234567890123456789", "sample key");
    refusals.forEach((key, reason) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BeaconConfig.load(Map.of(), new String[] {"--auth-enabled=true", "--auth-secret-key=" + key}));
      assertTrue(e.getMessage().contains(reason), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    });
  }

  @Test
  void aClusterWithAuthOnNeedsAClusterSecret() {
    String[] clustered = {"--auth-enabled=true", "--auth-secret-key=" + AuthUsers.KEY,
        "--cluster-members=127.0.0.1:5701"};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BeaconConfig.load(Map.of(), clustered));
    assertTrue(e.getMessage().contains("cluster-secret"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BeaconConfig.load(Map.of(),
        new String[] {"--cluster-members=127.0.0.1:5701", "--cluster-secret=short"}));
    BeaconConfig.load(Map.of(Setting.CLUSTER_SECRET.envName(), "a-long-enough-secret"), clustered);
  }

  @Test
  void authOffStartsWithoutKey() {
    assertFalse(BeaconConfig.defaults().authEnabled());
    BeaconConfig.load(Map.of(), new String[] {"--auth-secret-key=short"}); // only checked when auth is on
  }

  @Test
  void nacosPropertyNamesAreAliases() {
    BeaconConfig c = BeaconConfig.load(Map.of(), new String[] {"--nacos.core.auth.enabled=true",
        "--nacos.core.auth.default.token.secret.key=" + AuthUsers.KEY,
        "--nacos.core.auth.default.token.expire.seconds=600"});
    assertTrue(c.authEnabled());
    assertEquals(AuthUsers.KEY, c.get(Setting.AUTH_SECRET_KEY));
    assertEquals(600, c.intValue(Setting.AUTH_TOKEN_TTL));
    BeaconConfig env = BeaconConfig.load(Map.of("BEACON_AUTH_ENABLED", "true", "BEACON_AUTH_SECRET_KEY", AuthUsers.KEY),
        new String[0]);
    assertTrue(env.authEnabled());
  }

  @Test
  void secretsAreNotPrinted() {
    BeaconConfig c = BeaconConfig.defaults().with(AuthUsers.on(Map.of()));
    assertFalse(c.toString().contains(AuthUsers.KEY));
    assertFalse(c.toString().contains(AuthUsers.ADMIN_PASSWORD));
  }
}
