package dev.beacon.core;

/**
 * The node's serving status as Nacos reports it: {@code STARTING} until its data is loaded (full sync, Raft join),
 * then {@code UP}; {@code DOWN} while shutting down.
 */
public final class NodeStatus {

  public enum State { STARTING, UP, DOWN }

  private volatile State state = State.STARTING;

  public State state() {
    return state;
  }

  public boolean ready() {
    return state == State.UP;
  }

  public void set(State value) {
    state = value;
  }
}
