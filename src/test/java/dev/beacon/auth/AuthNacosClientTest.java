package dev.beacon.auth;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.support.ApiNode;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.TestNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** nacos-client 1.4.8 configured with username/password against a node with auth on, unchanged on its side. */
class AuthNacosClientTest {

  private static ApiNode node;
  private static String admin;
  private static final List<NamingService> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    node = ApiNode.start(AuthUsers.on(Map.of()));
    admin = AuthUsers.login(node.http(), ADMIN, ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    NacosClients.shutDownInBackground(clients.toArray(NamingService[]::new));
    node.close();
  }

  @Test
  void clientWithTheRightCredentialsRegistersListsAndDeregisters() throws Exception {
    NamingService naming = client(ADMIN, ADMIN_PASSWORD, null);
    String service = TestNodes.uniqueService("auth-client");
    naming.registerInstance(service, "127.0.10.1", 8080);
    Await.until("instance listed", WAIT, () -> all(naming, service).size() == 1);
    assertTrue(all(naming, service).get(0).isHealthy());
    naming.deregisterInstance(service, "127.0.10.1", 8080);
    Await.until("instance gone", WAIT, () -> all(naming, service).isEmpty());
  }

  @Test
  void clientWithAWrongPasswordStartsButIsRefused() throws Exception {
    NamingService naming = client(ADMIN, "wrong", null);
    String service = TestNodes.uniqueService("auth-wrong");
    NacosException e = assertThrows(NacosException.class, () -> naming.registerInstance(service, "127.0.10.2", 8080));
    assertEquals(403, e.getErrCode(), e.toString());
    assertTrue(naming.getAllInstances(service).isEmpty());
    assertTrue(node.http().list(service, "accessToken", admin).hosts().isEmpty(), "nothing registered");
  }

  @Test
  void readOnlyUserListsItsNamespaceButCannotRegister() throws Exception {
    String ns = TestNodes.uniqueService("nsX");
    String user = TestNodes.uniqueService("ro");
    String service = TestNodes.uniqueService("ro-svc");
    AuthUsers.create(node.http(), admin, user, "pw", user + "-role", ns + ":*:*", "r");
    client(ADMIN, ADMIN_PASSWORD, ns).registerInstance(service, "127.0.10.3", 8080);
    NamingService ro = client(user, "pw", ns);
    Await.until("ro sees the admin's instance", WAIT, () -> all(ro, service).size() == 1);
    NacosException e = assertThrows(NacosException.class, () -> ro.registerInstance(service, "127.0.10.4", 8080));
    assertEquals(403, e.getErrCode());
    assertTrue(e.getMessage().contains(Denied.NOT_PERMITTED), e.getMessage());
    NamingService roPublic = client(user, "pw", null);
    assertEquals(403, assertThrows(NacosException.class,
        () -> roPublic.registerInstance(service, "127.0.10.4", 8080)).getErrCode());
    assertTrue(roPublic.getAllInstances(service).isEmpty());
  }

  @Test
  void writeOnlyUserRegistersButReadsNothing() throws Exception {
    String user = TestNodes.uniqueService("wo");
    String service = TestNodes.uniqueService("wo-svc");
    AuthUsers.create(node.http(), admin, user, "pw", user + "-role", ":*:*", "w");
    NamingService wo = client(user, "pw", null);
    wo.registerInstance(service, "127.0.10.5", 8080);
    assertEquals(1, node.http().list(service, "accessToken", admin).hosts().size());
    assertTrue(wo.getAllInstances(service).isEmpty());
  }

  private static List<Instance> all(NamingService naming, String service) {
    try {
      return naming.getAllInstances(service, false);
    } catch (NacosException e) {
      throw new AssertionError(e);
    }
  }

  private static NamingService client(String user, String password, String namespace) throws NacosException {
    Properties props = NacosClients.properties(node.config().port());
    props.setProperty(PropertyKeyConst.USERNAME, user);
    props.setProperty(PropertyKeyConst.PASSWORD, password);
    if (namespace != null) {
      props.setProperty(PropertyKeyConst.NAMESPACE, namespace);
    }
    NamingService naming = NacosFactory.createNamingService(props);
    clients.add(naming);
    return naming;
  }
}
