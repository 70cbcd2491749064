package dev.beacon.raft;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * Ratis state machine that hands committed entries to a {@link RaftApplier} and stores its snapshots as single files
 * ({@code snapshot.<term>_<index>} plus an {@code .md5}) in the Ratis state-machine directory. As leader it stamps
 * each entry's acceptance time into the log and refuses entries past their deadline ({@link StampedEntry}); on every
 * member it drops stamped entries that were accepted late, answering {@link #EXPIRED}. It tells waiters when an index
 * is applied here ({@link #applied}), and answers a linearizable read ({@link #query}) once everything handed to the
 * applier has been applied.
 */
final class BeaconStateMachine extends BaseStateMachine {

  private static final Logger LOG = Logger.getLogger(BeaconStateMachine.class.getName());

  /** The reply of an entry dropped because the leader accepted it after its deadline (not JSON: never an applier's). */
  static final byte[] EXPIRED = {StampedEntry.MAGIC, (byte) 0xFF};

  private final RaftApplier applier;
  private final Consumer<RaftPeerId> onLeaderChange;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

  /**
   * Completes when every entry handed to the applier so far has been applied and recorded as last applied. Ratis
   * applies asynchronously and asserts that the last-applied index never goes back, so the index updates are
   * chained in log order even if the applier completes its futures out of order. Only touched under {@code this}.
   */
  private CompletableFuture<Void> appliedChain = CompletableFuture.completedFuture(null);
  /** How many applied entries {@link #outcome} remembers: far more than can be applied within a request timeout. */
  private static final int OUTCOMES = 100_000;
  /** Reply of each recently applied entry, by its {@link StampedEntry} id. Only touched under {@code this}. */
  private final Map<Long, byte[]> outcomes = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
      return size() > OUTCOMES;
    }
  };
  /** Who waits for which index to be applied here ({@link #applied}). Only touched under {@code this}. */
  private final NavigableMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>();

  BeaconStateMachine(RaftApplier applier, Consumer<RaftPeerId> onLeaderChange) {
    this.applier = applier;
    this.onLeaderChange = onLeaderChange;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    getLifeCycle().transition(LifeCycle.State.STARTING);
    storage.init(raftStorage);
    loadSnapshot(storage.getLatestSnapshot());
    getLifeCycle().transition(LifeCycle.State.RUNNING);
  }

  /** Ratis pauses before installing a snapshot from the leader and asserts PAUSED before {@link #reinitialize}. */
  @Override
  public void pause() {
    if (getLifeCycle().getCurrentState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  /** A snapshot was installed from the leader: rescan the directory and replace the applier's state with it. */
  @Override
  public void reinitialize() throws IOException {
    if (getLifeCycle().getCurrentState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
    }
    loadSnapshot(storage.loadLatestSnapshot());
    if (getLifeCycle().getCurrentState() == LifeCycle.State.STARTING) {
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  private void loadSnapshot(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      return; // fresh node, or nothing snapshotted yet: the whole log is replayed into an empty applier
    }
    Path file = snapshot.getFile().getPath();
    if (!Files.exists(file)) {
      throw new IOException("raft snapshot " + snapshot + " is listed but " + file + " does not exist");
    }
    MD5Hash md5 = snapshot.getFile().getFileDigest();
    if (md5 != null) {
      MD5FileUtil.verifySavedMD5(file.toFile(), md5); // a torn or corrupted snapshot must not become state
    }
    TermIndex ti = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file.toFile());
    applier.restore(Files.readAllBytes(file));
    synchronized (this) {
      appliedChain = CompletableFuture.completedFuture(null);
      setLastAppliedTermIndex(ti); // not update...(): installing may legitimately move backwards after a reset
    }
    wakeWaiters(ti.getIndex());
    LOG.fine(() -> "raft: restored snapshot " + ti + " (" + file + ")");
  }

  /** On the leader: stamps the entry with this server's time, or refuses it if its deadline has passed. */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) {
    TransactionContext.Builder context = TransactionContext.newBuilder().setStateMachine(this)
        .setClientRequest(request);
    try {
      return context.setLogData(StampedEntry.accept(request.getMessage().getContent(), System.currentTimeMillis()))
          .build();
    } catch (StampedEntry.DeadlinePassed e) {
      return context.build().setException(e);
    }
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex ti = TermIndex.valueOf(entry);
    StampedEntry.Opened opened = StampedEntry.open(entry.getStateMachineLogEntry().getLogData());
    CompletableFuture<byte[]> applied;
    try {
      // Every member decides this from the log alone, so they all drop the same entries.
      applied = opened.expired() ? CompletableFuture.completedFuture(EXPIRED) : applier.apply(opened.entry());
      if (applied == null) {
        applied = CompletableFuture.failedFuture(new IllegalStateException("applier returned null"));
      }
    } catch (RuntimeException | Error e) { // the contract says "must not throw"; do not let it kill the updater
      LOG.log(Level.WARNING, "raft: applier threw on entry " + ti, e);
      applied = CompletableFuture.failedFuture(e);
    }
    if (opened.id() != StampedEntry.NO_ID && !opened.expired()) {
      long id = opened.id();
      applied = applied.thenApply(bytes -> {
        synchronized (this) {
          outcomes.put(id, bytes);
        }
        return bytes;
      });
    }
    CompletableFuture<Void> recorded = recordApplied(applied, ti);
    CompletableFuture<byte[]> reply = applied;
    return recorded.thenCompose(v -> reply)
        .thenApply(b -> Message.valueOf(UnsafeByteOperations.unsafeWrap(b == null ? new byte[0] : b)));
  }

  /** Non-state-machine entries (leader no-ops, configuration) also advance the applied index, in order. */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    recordApplied(CompletableFuture.completedFuture(null), TermIndex.valueOf(term, index));
  }

  private synchronized CompletableFuture<Void> recordApplied(CompletableFuture<?> applied, TermIndex ti) {
    CompletableFuture<Void> next = appliedChain
        .thenCombine(applied.handle((r, e) -> null), (a, b) -> null)
        .thenRun(() -> {
          if (ti.compareTo(getLastAppliedTermIndex()) > 0) {
            updateLastAppliedTermIndex(ti);
          }
          wakeWaiters(ti.getIndex());
        });
    appliedChain = next.exceptionally(e -> {
      LOG.log(Level.SEVERE, "raft: could not record applied entry " + ti, e);
      return null;
    });
    return next;
  }

  /**
   * Completes once the entry at {@code index} (and every one before it) has been applied on this node. Never fails;
   * callers bound the wait.
   */
  CompletableFuture<Void> applied(long index) {
    synchronized (this) {
      if (getLastAppliedTermIndex() == null || getLastAppliedTermIndex().getIndex() < index) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.computeIfAbsent(index, i -> new ArrayList<>(1)).add(waiter);
        return waiter;
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The reply of the entry with this {@link StampedEntry} id if this node has applied it (recently), else null: what
   * a submitter whose write failed asks, once no leader can accept the entry any more and this node has caught up.
   */
  synchronized byte[] outcome(long id) {
    return outcomes.get(id);
  }

  /** Completed outside the lock: a waiter's continuation may do anything. */
  private void wakeWaiters(long appliedIndex) {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    synchronized (this) {
      NavigableMap<Long, List<CompletableFuture<Void>>> due = waiters.headMap(appliedIndex, true);
      due.values().forEach(ready::addAll);
      due.clear();
    }
    ready.forEach(w -> w.complete(null));
  }

  /**
   * A linearizable read (Ratis ReadIndex): Ratis calls this once this member has been handed every entry up to the
   * leader's commit index as of the read's start; the answer waits until the applier has applied them all.
   */
  @Override
  public CompletableFuture<Message> query(Message request) {
    CompletableFuture<Void> handed;
    synchronized (this) {
      handed = appliedChain;
    }
    return handed.thenApply(v -> Message.EMPTY);
  }

  /**
   * Writes the applier's state to {@code snapshot.<term>_<index>}. Ratis calls this on the updater thread after all
   * earlier apply futures completed, so the state and the last-applied index agree. The file is written to a temp
   * name, fsynced and renamed, so a crash never leaves a half-written file under a valid snapshot name.
   */
  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last;
    byte[] state;
    synchronized (this) {
      last = getLastAppliedTermIndex();
      if (last == null || last.getIndex() < 0) {
        return RaftLog.INVALID_LOG_INDEX;
      }
      state = applier.snapshot();
    }
    File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    Path tmp = target.toPath().resolveSibling(".tmp-" + target.getName());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(state);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), last));
    LOG.fine(() -> "raft: snapshot " + last + " written, " + state.length + " bytes");
    return last.getIndex();
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
    onLeaderChange.accept(newLeaderId);
  }
}
