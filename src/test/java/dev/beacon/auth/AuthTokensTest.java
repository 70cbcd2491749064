package dev.beacon.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens, passwords and permission matching: the pure pieces of auth. */
class AuthTokensTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final Jwt jwt = new Jwt(KEY);

  @Test
  void aTokenBoundToAPasswordCarriesItsFingerprint() {
    String token = jwt.sign("alice", 2_000_000_000L, "fingerprint");
    assertEquals(new Jwt.Claims("alice", 2_000_000_000L, "fingerprint"), jwt.verify(token, 1_000_000_000L));
    assertEquals("fingerprint", part(token, 1).getString("cred"));
  }

  @Test
  void signedTokenCarriesOnlySubAndExp() {
    String token = jwt.sign("alice", 2_000_000_000L);
    assertEquals(new Jwt.Claims("alice", 2_000_000_000L, null), jwt.verify(token, 1_000_000_000L));
    JsonObject header = part(token, 0);
    JsonObject claims = part(token, 1);
    assertEquals(new JsonObject().put("alg", "HS256"), header);
    assertEquals(new JsonObject().put("sub", "alice").put("exp", 2_000_000_000L), claims);
  }

  @Test
  void expiredTokenIsRefusedAsExpired() {
    String token = jwt.sign("alice", 100);
    assertEquals(Denied.TOKEN_EXPIRED, assertThrows(Denied.class, () -> jwt.verify(token, 100)).getMessage());
  }

  @Test
  void forgedTokensAreInvalid() {
    String token = jwt.sign("alice", 2_000_000_000L);
    String[] p = token.split("\\.");
    String adminPayload = encode(new JsonObject().put("sub", "nacos").put("exp", 2_000_000_000L));
    String noneHeader = encode(new JsonObject().put("alg", "none"));
    String hs512Header = encode(new JsonObject().put("alg", "HS512"));
    for (String forged : new String[] {
        p[0] + "." + adminPayload + "." + p[2],           // payload changed, signature kept
        noneHeader + "." + p[1] + ".",                     // alg none, no signature
        hs512Header + "." + p[1] + "." + p[2],             // another algorithm
        new Jwt("another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8)).sign("alice", 2_000_000_000L),
        "garbage", "a.b.c", p[0] + "." + p[1], token + "x"}) {
      assertEquals(Denied.TOKEN_INVALID, assertThrows(Denied.class, () -> jwt.verify(forged, 0)).getMessage(),
          forged);
    }
  }

  @Test
  void tokenWithoutExpIsInvalid() throws Exception {
    String header = encode(new JsonObject().put("alg", "HS256"));
    String payload = encode(new JsonObject().put("sub", "alice"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
        mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    assertEquals(Denied.TOKEN_INVALID,
        assertThrows(Denied.class, () -> jwt.verify(header + "." + payload + "." + sig, 0)).getMessage());
  }

  @Test
  void passwordsAreBcryptCost10AndNacosHashesVerify() {
    String hash = Passwords.hash("s3cret");
    assertTrue(hash.startsWith("$2a$10$"), hash);
    assertTrue(Passwords.matches("s3cret", hash));
    assertFalse(Passwords.matches("other", hash));
    // Nacos's schema ships nacos/nacos as this $2a$ hash; $2b$ (OpenBSD, Python bcrypt) is accepted too.
    assertTrue(Passwords.matches("nacos", "$2a$10$EuWPZHzz32dJN7jexM34MOeYirDdFAZm2kuWj7VEOJhhZkDrxfvUu"));
    String b = new String(BCrypt.with(BCrypt.Version.VERSION_2B).hash(10, "pw".toCharArray()), StandardCharsets.UTF_8);
    assertTrue(b.startsWith("$2b$"));
    assertTrue(Passwords.matches("pw", b));
    assertFalse(Passwords.matches("pw", "not-a-hash"));
  }

  @Test
  void globsMatchWholeResourcesLiterally() {
    assertTrue(Glob.matches("ns1:*:*", "ns1:G:naming/pay"));
    assertTrue(Glob.matches(":*:*", ":DEFAULT_GROUP:naming/order"));
    assertFalse(Glob.matches(":*:*", "ns1:DEFAULT_GROUP:naming/order"));
    assertTrue(Glob.matches("ns1:DEFAULT_GROUP:naming/order-*", "ns1:DEFAULT_GROUP:naming/order-a"));
    assertFalse(Glob.matches("ns1:DEFAULT_GROUP:naming/order-*", "ns1:DEFAULT_GROUP:naming/pay"));
    assertFalse(Glob.matches("ns1:G:naming/a.b", "ns1:G:naming/aXb"), "a dot is a dot");
    assertFalse(Glob.matches("ns1:G:naming/(", "ns1:G:naming/x"), "no regex, no 500");
    assertFalse(Glob.matches("ns1:G:naming/a", "ns1:G:naming/ab"), "anchored at the end");
    assertFalse(Glob.matches("s1:*:*", "ns1:G:naming/a"), "anchored at the start");
    assertFalse(Glob.matches("*a*a*a*a*a*a*b", "a".repeat(5000)), "no runaway backtracking");
  }

  @Test
  void decisionFollowsNacosWithGlobs() {
    AuthStore store = new AuthStore();
    ok(store.apply(AuthEntry.createAdmin("h")));
    ok(store.apply(AuthEntry.createUser("ro", "h")));
    ok(store.apply(AuthEntry.createUser("lonely", "h")));
    ok(store.apply(AuthEntry.addRole("R1", "ro")));
    ok(store.apply(AuthEntry.addPermission("R1", "nsX:*:*", "r")));
    AuthData d = store.data();
    assertTrue(d.allowed("nacos", "console/users", 'w'));
    assertTrue(d.allowed("ro", "nsX:G:naming/a", 'r'));
    assertFalse(d.allowed("ro", "nsX:G:naming/a", 'w'));
    assertFalse(d.allowed("ro", "console/users", 'r'));
    assertTrue(d.allowed("ro", AuthData.PASSWORD_RESOURCE, 'w'));
    assertFalse(d.allowed("lonely", "nsX:G:naming/a", 'r'), "no roles, nothing");
  }

  @Test
  void storeRefusesAsNacosAndDeletesBindingsWithTheUser() {
    AuthStore store = new AuthStore();
    ok(store.apply(AuthEntry.createAdmin("h")));
    assertEquals(409, store.apply(AuthEntry.createAdmin("h2")).getInteger("status"));
    assertEquals("cannot delete admin: nacos", store.apply(AuthEntry.deleteUser("nacos")).getString("message"));
    ok(store.apply(AuthEntry.createUser("u", "h")));
    assertEquals("user 'u' already exist!", store.apply(AuthEntry.createUser("u", "h")).getString("message"));
    assertEquals("role R not found!", store.apply(AuthEntry.addPermission("R", "*", "r")).getString("message"));
    assertEquals("user 'v' not found!", store.apply(AuthEntry.addRole("R", "v")).getString("message"));
    ok(store.apply(AuthEntry.addRole("R", "u")));
    ok(store.apply(AuthEntry.deleteUser("u")));
    ok(store.apply(AuthEntry.createUser("u", "h")));
    assertTrue(store.data().rolesOf("u").isEmpty(), "a re-created user does not inherit old grants");
  }

  @Test
  void snapshotRestoresEverything() {
    AuthStore store = new AuthStore();
    ok(store.apply(AuthEntry.createAdmin("h")));
    ok(store.apply(AuthEntry.createUser("u", "hu")));
    ok(store.apply(AuthEntry.addRole("R", "u")));
    ok(store.apply(AuthEntry.addPermission("R", "ns:*:*", "rw")));
    AuthStore copy = new AuthStore();
    copy.restore(new JsonObject(store.snapshot().encode()));
    assertEquals(store.data(), copy.data());
    copy.restore(null);
    assertEquals(AuthData.EMPTY, copy.data());
  }

  private static void ok(JsonObject reply) {
    assertTrue(reply.containsKey("ok"), reply.encode());
  }

  private static JsonObject part(String token, int i) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8));
  }

  private static String encode(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toBuffer().getBytes());
  }
}
