package io.tutti.server.raft;

import io.tutti.server.storage.SnapshotFiles;
import java.io.File;
import java.io.IOException;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * What Tutti's state machines share about snapshots: one checksummed file per snapshot in Ratis's
 * {@code sm/snapshot.<term>_<index>} layout, written atomically with its MD5 (which Ratis sends along when it installs
 * the snapshot on a follower), and the two newest kept.
 */
abstract class SnapshottingStateMachine extends BaseStateMachine {
  private static final SnapshotRetentionPolicy RETAIN_TWO = new SnapshotRetentionPolicy() {
    @Override
    public int getNumSnapshotsRetained() {
      return 2;
    }
  };

  protected final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final Object snapshotLock = new Object();
  /**
   * True once {@link #getLatestSnapshot} has found no snapshot while the replica was RUNNING, until one is written or
   * installed. Ratis asks for the latest snapshot on every append and every appender loop, and its storage lists the
   * snapshot directory each time it has none: about 4% of a node's CPU under write load before the first snapshot.
   */
  private volatile boolean knownNoSnapshot;

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(this::loadState, IOException.class);
  }

  /**
   * Loads the state from storage: on start, and after Ratis installed a snapshot from the leader. Ratis's
   * {@code BaseStateMachine} leaves the life cycle alone, but Ratis reloads a state machine after a snapshot install
   * only if it is PAUSED: without {@link #pause()} moving it there, every snapshot install failed and closed the
   * replica.
   */
  protected abstract void loadState() throws IOException;

  /** Called by Ratis before it replaces the state machine's files with an installed snapshot. */
  @Override
  public void pause() {
    synchronized (snapshotLock) {
      knownNoSnapshot = false; // the install is about to put a snapshot in place
    }
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  /** Called by Ratis, with the state machine paused, once an installed snapshot is in place. */
  @Override
  public void reinitialize() throws IOException {
    getLifeCycle().startAndTransition(this::loadState, IOException.class);
  }

  /** Writes the snapshot of state as of {@code last}, publishes it to Ratis and deletes older ones. */
  protected long writeSnapshot(TermIndex last, SnapshotFiles.BodyWriter body) throws IOException {
    File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    SnapshotFiles.writeAtomically(target.toPath(), body);
    var md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
    synchronized (snapshotLock) {
      storage.updateLatestSnapshot(new org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo(
          new FileInfo(target.toPath(), md5), last));
      knownNoSnapshot = false;
    }
    storage.cleanupOldSnapshots(RETAIN_TWO);
    return last.getIndex();
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    if (knownNoSnapshot) {
      return null;
    }
    synchronized (snapshotLock) {
      SnapshotInfo latest = storage.getLatestSnapshot();
      // Only while RUNNING: while paused for an install, the files may change under us.
      knownNoSnapshot = latest == null && getLifeCycleState() == LifeCycle.State.RUNNING;
      return latest;
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }
}
