package dev.beacon.auth;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.TestNodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Checklist items 7 and 15 of the auth spec with the real nacos-client 1.4.8 and a 60 s token TTL: the client keeps
 * registering and listing for 150 s, so it must have logged in again (on its 5 s tick after 54 s) twice, and its
 * beats keep its first instance healthy all along, well past the 30 s delete timeout.
 *
 * <p>Mostly waiting, so it runs beside the other test classes ({@code CONCURRENT}; the rest of the suite runs one
 * class at a time) instead of adding two and a half minutes to the build.
 */
@Execution(ExecutionMode.CONCURRENT)
class AuthTokenRefreshTest {

  private static final int TTL_SECONDS = 60;
  private static final Duration RUN = Duration.ofSeconds(150);
  private static final Duration STEP = Duration.ofSeconds(10);

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void clientKeepsWorkingPastTwoTokenLifetimes() throws Exception {
    try (ApiNode node = ApiNode.start(AuthUsers.on(Map.of(Setting.AUTH_TOKEN_TTL, TTL_SECONDS)))) {
      Properties props = NacosClients.properties(node.config().port());
      props.setProperty(PropertyKeyConst.USERNAME, ADMIN);
      props.setProperty(PropertyKeyConst.PASSWORD, ADMIN_PASSWORD);
      NamingService naming = NacosFactory.createNamingService(props);
      try {
        String service = TestNodes.uniqueService("refresh");
        naming.registerInstance(service, "127.0.11.1", 8080);
        long start = System.nanoTime();
        int registered = 1;
        for (long at = STEP.toNanos(); at <= RUN.toNanos(); at += STEP.toNanos()) {
          long due = start + at;
          Await.until("the clock reaches " + TimeUnit.NANOSECONDS.toSeconds(at) + " s", STEP.plusSeconds(5),
              () -> System.nanoTime() >= due);
          naming.registerInstance(service, "127.0.11." + (++registered), 8080); // throws on a refused token
          int expected = registered;
          Await.until(expected + " instances listed by the client", Duration.ofSeconds(5),
              () -> healthy(naming, service) == expected);
        }
        List<Instance> all = naming.getAllInstances(service, false);
        assertEquals(registered, all.size(), "nothing expired: " + all);
        assertTrue(all.stream().allMatch(Instance::isHealthy), "beats kept every instance healthy: " + all);
      } finally {
        NacosClients.shutDownInBackground(naming);
      }
    }
  }

  private static int healthy(NamingService naming, String service) {
    try {
      return naming.selectInstances(service, true, false).size();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
