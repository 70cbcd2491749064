package dev.beacon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServersTest {

  @Test
  void unknownServersAreStaleAndOrderNothing() {
    Servers servers = new Servers(60_000);
    assertTrue(servers.stale());
    assertEquals(List.of(), servers.order());
    servers.learn("");
    assertTrue(servers.stale(), "an empty header teaches nothing");
  }

  @Test
  void requestsStartAtEachServerInTurn() {
    Servers servers = new Servers(60_000);
    servers.learn("a:1,b:1,c:1");
    assertFalse(servers.stale());
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      List<String> order = servers.order();
      assertEquals(Set.of("a:1", "b:1", "c:1"), Set.copyOf(order));
      firsts.add(order.get(0));
    }
    assertEquals(Set.of("a:1", "b:1", "c:1"), firsts);
  }

  @Test
  void aSuspectComesLastUntilItAnswersAndAGoneServerIsForgotten() {
    Servers servers = new Servers(60_000);
    servers.learn("a:1,b:1,c:1");
    servers.suspect("b:1");
    for (int i = 0; i < 3; i++) {
      assertEquals("b:1", servers.order().get(2));
    }
    servers.answered("b:1");
    Set<String> lasts = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      lasts.add(servers.order().get(2));
    }
    assertEquals(3, lasts.size(), "back in turn: " + lasts);

    servers.gone("c:1");
    assertEquals(Set.of("a:1", "b:1"), Set.copyOf(servers.order()));
    assertTrue(servers.stale(), "a server gone: ask for the list again");
  }

  @Test
  void aNewListReplacesTheOldAndDropsSuspicionOfServersNoLongerListed() {
    Servers servers = new Servers(60_000);
    servers.learn("a:1,b:1");
    servers.suspect("b:1");
    servers.learn("a:1,c:1");
    assertEquals(Set.of("a:1", "c:1"), Set.copyOf(servers.order()));
    servers.learn("a:1,b:1,c:1");
    Set<String> lasts = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      lasts.add(servers.order().get(2));
    }
    assertEquals(3, lasts.size(), "b is no longer a suspect once it dropped out of the list: " + lasts);
  }
}
