package io.clavis.server.raft;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership in the Raft group: the Ratis server that holds the log and applies it
 * through {@link ClavisStateMachine}, and the client through which this node proposes commands
 * (Ratis sends them to whichever member leads).
 */
public final class RaftNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  /** How long a write may wait for commit before the caller is told it did not happen in time. */
  private static final long WRITE_TIMEOUT_MS = 10_000;

  private final RaftPeer self;
  private final RaftGroup group;
  private final RaftServer server;
  private final RaftClient client;
  private final ClavisStateMachine stateMachine;

  /** Settings that change how the group behaves; defaults suit production. */
  public record Settings(long snapshotThreshold) {
    public static Settings defaults() {
      return new Settings(10_000);
    }
  }

  public RaftNode(
      String nodeName,
      String host,
      int clusterPort,
      UUID groupUuid,
      Path raftDir,
      ClavisStateMachine stateMachine,
      Settings settings)
      throws IOException {
    this.stateMachine = stateMachine;
    this.self =
        RaftPeer.newBuilder()
            .setId(RaftPeerId.valueOf(nodeName))
            .setAddress(host + ":" + clusterPort)
            .build();
    this.group = RaftGroup.valueOf(RaftGroupId.valueOf(groupUuid), List.of(self));

    RaftProperties props = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(props, List.of(raftDir.toFile()));
    GrpcConfigKeys.Server.setHost(props, host);
    GrpcConfigKeys.Server.setPort(props, clusterPort);
    // Elections that survive a busy 2-core machine and real networks without spurious changes.
    RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(2, TimeUnit.SECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(4, TimeUnit.SECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(5, TimeUnit.SECONDS));
    // A restarted member may call an election sooner than a running one suspects a dead leader.
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(
        props, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(
        props, TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
    // Acknowledged means fsynced: never the unsafe flush.
    RaftServerConfigKeys.Log.setUnsafeFlushEnabled(props, false);
    RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf("16MB"));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
    // Keep the log behind the newest snapshot back to the one before it, so that a damaged
    // newest snapshot can be replaced by the older one plus the log.
    RaftServerConfigKeys.Log.setPurgePreservationLogNum(props, settings.snapshotThreshold() * 2);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, settings.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(props, true);
    RaftClientConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(5, TimeUnit.SECONDS));

    boolean fresh = !Files.exists(raftDir.resolve(groupUuid.toString()));
    Files.createDirectories(raftDir);
    this.server =
        RaftServer.newBuilder()
            .setServerId(self.getId())
            .setGroup(group)
            .setProperties(props)
            .setStateMachine(stateMachine)
            .setOption(fresh ? RaftStorage.StartupOption.FORMAT : RaftStorage.StartupOption.RECOVER)
            .build();
    this.client =
        RaftClient.newBuilder()
            .setProperties(props)
            .setRaftGroup(group)
            .setClientId(ClientId.randomId())
            .setClientRpc(
                new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), props))
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    20, TimeDuration.valueOf(250, TimeUnit.MILLISECONDS)))
            .build();
  }

  public void start() throws IOException {
    server.start();
    LOG.info("Raft member {} started at {}", self.getId(), self.getAddress());
  }

  /**
   * Waits until the group has a leader and this member has applied the log it recovered, or the
   * timeout passes. A node serves without a leader too (read-only); this only makes a fresh start
   * deterministic.
   */
  public boolean awaitLeader(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        DivisionInfo info = info();
        if (info.getLeaderId() != null && (!info.isLeader() || info.isLeaderReady())) {
          return true;
        }
      } catch (IOException e) {
        // not started yet
      }
      Thread.sleep(20);
    }
    return false;
  }

  public ClavisStateMachine stateMachine() {
    return stateMachine;
  }

  /**
   * Proposes a command and waits until it is committed (on disk on a majority) and applied here.
   *
   * @throws ClavisException with the command's own rejection, or {@code UNAVAILABLE} / {@code
   *     READ_ONLY} when it could not be committed in time
   */
  public <T> T submit(Command command, Class<T> resultType) {
    Message message = Message.valueOf(ByteString.copyFrom(StateJson.toBytes(command)));
    RaftClientReply reply;
    try {
      reply = client.async().send(message).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClavisException(ErrorCode.UNAVAILABLE, "interrupted while writing");
    } catch (TimeoutException e) {
      throw noQuorum();
    } catch (ExecutionException e) {
      LOG.warn("Write failed: {}", e.getCause().toString());
      throw noQuorum();
    }
    if (!reply.isSuccess()) {
      LOG.warn("Write not committed: {}", reply.getException());
      throw noQuorum();
    }
    CommandReply commandReply =
        StateJson.fromBytes(reply.getMessage().getContent().toByteArray(), CommandReply.class);
    return commandReply.resultAs(resultType);
  }

  private ClavisException noQuorum() {
    return hasLeader()
        ? new ClavisException(ErrorCode.UNAVAILABLE, "the write could not be committed in time")
        : new ClavisException(ErrorCode.READ_ONLY, "no quorum: this node accepts no writes now");
  }

  private DivisionInfo info() throws IOException {
    return server.getDivision(group.getGroupId()).getInfo();
  }

  public boolean isLeader() {
    try {
      return info().isLeader() && info().isLeaderReady();
    } catch (IOException e) {
      return false;
    }
  }

  public boolean hasLeader() {
    try {
      return info().getLeaderId() != null;
    } catch (IOException e) {
      return false;
    }
  }

  public long appliedIndex() {
    try {
      return info().getLastAppliedIndex();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
