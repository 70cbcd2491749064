package dev.beacon.api;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.auth.AuthStore;
import dev.beacon.auth.Authenticator;
import dev.beacon.auth.Denied;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With auth off (as Nacos: everything open), users, roles and permissions are still changed only from this machine.
 * Decided by the {@link Guard} every route goes through; checked here directly, since tests send nothing to
 * addresses off loopback.
 */
class GuardTest {

  static Vertx vertx;
  static Guard guard;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    guard = new Guard(false, new Authenticator(vertx, new AuthStore(), null, 18000));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static Params params() {
    return new Params(MultiMap.caseInsensitiveMultiMap(), "curl/8");
  }

  @Test
  void withAuthOffAuthChangesComeOnlyFromLoopback() {
    Future<Params> remote = guard.admit(Access.console("console/users", 'w'), params(), false);
    assertTrue(remote.failed());
    assertInstanceOf(Denied.class, remote.cause());
    assertTrue(guard.admit(Access.console("console/users", 'w'), params(), true).succeeded());
    assertTrue(guard.admit(Access.LOOPBACK, params(), true).succeeded());
    assertTrue(guard.admit(Access.LOOPBACK, params(), false).failed(), "the first admin only from loopback");
    assertTrue(guard.admit(Access.console("console/users", 'r'), params(), false).succeeded(), "reads stay open");
    assertTrue(guard.admit(Access.WRITE, params(), false).succeeded(), "naming is open with auth off");
  }
}
