package dev.beacon.core;

import java.util.Optional;

/** What the API edge may read of this node's Raft member: who leads, and whether writes commit. */
public interface RaftStatus {

  /** This node's Raft member id (its {@code host:port} node id). */
  String nodeId();

  /** The leader this member knows, if any. */
  Optional<String> leaderId();

  boolean isLeader();

  /** The index of the last entry this member applied. */
  long lastAppliedIndex();

  /** Why persistent writes are failing right now, if they are (see {@code CommitHealth}). */
  Optional<String> commitProblem();
}
