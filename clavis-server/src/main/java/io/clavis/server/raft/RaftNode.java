package io.clavis.server.raft;

import io.clavis.server.common.Clock;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.state.StateJson;
import io.clavis.server.tls.ClusterTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.CallId;
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
 * through {@link ClavisStateMachine}, and how this node proposes commands: straight into its own
 * server while it leads, else through the Raft client, which sends them to whichever member leads.
 */
public final class RaftNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  /** How long a write may wait for commit before the caller is told it did not happen in time. */
  private static final long WRITE_TIMEOUT_MS = 10_000;

  private static final int PURGE_BATCH = 1_000;
  private static final int PURGE_ENTRIES_PER_RUN = 100;

  /** How often a waiting write checks that the group still has a leader. */
  private static final long LEADER_CHECK_MS = 100;

  /** A write waiting this long without any leader, or arriving and finding none, fails. */
  private static final long READ_ONLY_AFTER_MS = 500;

  // Bounds a leadership transfer, during which the leader takes no writes: no longer than the
  // shortest election timeout, what losing the leader would cost.
  private static final java.time.Duration TRANSFER_TIMEOUT = java.time.Duration.ofSeconds(2);

  private final RaftPeer self;
  private final RaftGroup group;
  private final RaftServer server;
  private volatile RaftServer.Division division;
  private final RaftClient client;
  private final ClavisStateMachine stateMachine;
  private final WriteBatcher writes;
  private final EntrySender entries;

  /**
   * Settings that change how the group behaves; defaults suit production. {@code joining} is true
   * for a node that joined a cluster and starts for the first time; {@code knownPeers} are the
   * members it was told about, which its client asks to find the leader.
   */
  public record Settings(
      long snapshotThreshold, boolean joining, List<RaftPeer> knownPeers, GrpcTlsConfig tls) {
    public static Settings defaults() {
      return new Settings(10_000, false, List.of(), null);
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
    this.self = peer(nodeName, host + ":" + clusterPort, false);
    // A node joining an existing cluster starts with an empty configuration: it must not
    // campaign before the leader has added it (the members would tell it to shut down), and
    // it learns the configuration from the leader's log or snapshot.
    this.group =
        settings.joining()
            ? RaftGroup.valueOf(RaftGroupId.valueOf(groupUuid))
            : RaftGroup.valueOf(RaftGroupId.valueOf(groupUuid), List.of(self));
    Parameters parameters = new Parameters();
    if (settings.tls() != null) {
      // Every channel between nodes is mutual TLS under the cluster CA: log replication,
      // client requests forwarded to the leader, and membership changes.
      ClusterTls.apply(parameters, settings.tls());
    }

    RaftProperties props = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(props, List.of(raftDir.toFile()));
    GrpcConfigKeys.Server.setHost(props, host);
    GrpcConfigKeys.Server.setPort(props, clusterPort);
    // Elections that survive a busy 2-core machine and real networks without spurious changes.
    RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(2, TimeUnit.SECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(4, TimeUnit.SECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(5, TimeUnit.SECONDS));
    // A new member must catch up within this time when it is added.
    RaftServerConfigKeys.setStagingTimeout(props, TimeDuration.valueOf(60, TimeUnit.SECONDS));
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
            .setParameters(parameters)
            .setOption(fresh ? RaftStorage.StartupOption.FORMAT : RaftStorage.StartupOption.RECOVER)
            .build();
    this.client =
        RaftClient.newBuilder()
            .setProperties(props)
            .setRaftGroup(clientGroup(settings))
            .setClientId(ClientId.randomId())
            .setClientRpc(new GrpcFactory(parameters).newRaftClientRpc(ClientId.randomId(), props))
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    20, TimeDuration.valueOf(250, TimeUnit.MILLISECONDS)))
            .build();
    // The blocking API, one sender thread per entry in flight: Ratis's ordered async stream would
    // hold every later write behind a failed one, and closes for good once a request gives up.
    this.entries =
        new EntrySender(
            server, client, group.getGroupId(), self.getId(), () -> division, WRITE_TIMEOUT_MS);
    this.writes = new WriteBatcher(entries, stateMachine::whenApplied);
  }

  /** Log entries this node proposed straight into its own server while it led. */
  public long entriesSentAsLeader() {
    return entries.sentAsLeader();
  }

  /** Log entries this node sent to the leader through the Raft client. */
  public long entriesSentToLeader() {
    return entries.sentToLeader();
  }

  /** Entries this node proposed as leader and sent again because leadership moved meanwhile. */
  public long entriesResent() {
    return entries.resent();
  }

  /**
   * Asks the leader to hand leadership to the voter {@code member}, for maintenance of the leader's
   * machine, and returns once the leader reports it elected. Ratis first brings the member's log up
   * to date, then has it stand for election at once; the leader refuses writes meanwhile (they are
   * sent again to the new leader), so the transfer is given up after {@link #TRANSFER_TIMEOUT}, the
   * shortest election timeout, and leadership then stays where it was. One attempt, no retry: a
   * transfer is not idempotent.
   */
  public void transferLeadership(String member, String expectedLeader) {
    if (expectedLeader.equals(member)) {
      return;
    }
    // Addressed to the leader the caller saw: if another one leads by now, that member answers
    // NotLeader and nothing moves, rather than moving leadership a second time.
    RaftPeerId leader = RaftPeerId.valueOf(expectedLeader);
    TransferLeadershipRequest request =
        new TransferLeadershipRequest(
            client.getId(),
            leader,
            group.getGroupId(),
            CallId.getAndIncrement(),
            RaftPeerId.valueOf(member),
            TRANSFER_TIMEOUT.toMillis());
    try {
      RaftClientReply reply;
      if (leader.equals(self.getId())) {
        reply = server.transferLeadership(request);
      } else {
        client.getClientRpc().addRaftPeers(division().getRaftConf().getCurrentPeers());
        reply = client.getClientRpc().sendRequest(request);
      }
      if (!reply.isSuccess()) {
        if (reply.getNotLeaderException() != null) {
          return;
        }
        // Refused (another transfer or a membership change under way) or given up after the
        // timeout: a 409, which clients do not send again to another node.
        throw new ClavisException(
            ErrorCode.INVALID_STATE,
            "leadership stays with " + leader + ": " + String.valueOf(reply.getException()));
      }
    } catch (NotLeaderException e) {
      return;
    } catch (IOException e) {
      throw new ClavisException(
          ErrorCode.UNAVAILABLE, "leadership stays with " + leader + ": " + e.getMessage(), e);
    }
    // So that what the caller reads next from this node shows the new leader; it has been
    // elected whether or not this node has heard of it yet.
    long deadline = System.nanoTime() + TRANSFER_TIMEOUT.toNanos();
    try {
      while (!member.equals(leaderName()) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    if (!hasLeader() && !awaitAnyLeader()) {
      // No quorum known: fail instead of queueing a write that cannot commit.
      throw noQuorum();
    }
    Idempotency.Scope scope = Idempotency.current();
    Command sent =
        scope == null || command instanceof Command.Unrepeatable
            ? command
            : scope.wrap(command, Clock.now());
    // Group commit: concurrent writes of this node share log entries (see WriteBatcher).
    java.util.concurrent.CompletableFuture<CommandReply> pending = writes.submit(sent);
    CommandReply commandReply;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_TIMEOUT_MS);
    long leaderlessSince = 0;
    try {
      while (true) {
        try {
          commandReply = pending.get(LEADER_CHECK_MS, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          long now = System.nanoTime();
          if (hasLeader()) {
            leaderlessSince = 0;
          } else if (leaderlessSince == 0) {
            leaderlessSince = now;
          } else if (now - leaderlessSince > TimeUnit.MILLISECONDS.toNanos(READ_ONLY_AFTER_MS)) {
            pending.cancel(false);
            throw noQuorum();
          }
          if (now > deadline) {
            pending.cancel(false);
            throw noQuorum();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClavisException(ErrorCode.UNAVAILABLE, "interrupted while writing");
    } catch (ExecutionException e) {
      LOG.warn("Write failed: {}", e.getCause().toString());
      throw noQuorum();
    }
    if (commandReply.replayed() && scope != null) {
      scope.markReplayed();
    }
    return commandReply.resultAs(resultType);
  }

  /**
   * Proposes the commands as one log entry, the way group commit does under load, and returns their
   * replies in order; rejections are replies here, not exceptions. For tests that pin down how an
   * entry of several commands applies; the entry is encoded as {@link WriteBatcher} encodes it.
   */
  List<CommandReply> submitTogether(List<Command> commands) throws IOException {
    byte[] entry = WriteBatcher.batchEntry(commands.stream().map(StateJson::toBytes).toList());
    RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(entry)));
    if (!reply.isSuccess()) {
      throw new IOException("not committed", reply.getException());
    }
    return List.of(
        StateJson.fromBytes(reply.getMessage().getContent().toByteArray(), CommandReply[].class));
  }

  /**
   * Drops idempotent answers whose retention has passed (leader maintenance), a log entry per
   * {@value #PURGE_BATCH}, until none is left or {@value #PURGE_ENTRIES_PER_RUN} entries were made:
   * a cluster that stores answers faster than one batch per maintenance run does not pile them up.
   * Submits nothing when none has expired.
   */
  public void purgeIdempotentAnswers(Instant now) {
    purgeIdempotentAnswers(now, PURGE_BATCH);
  }

  /** {@link #purgeIdempotentAnswers(Instant)} with another batch size (tests). */
  public void purgeIdempotentAnswers(Instant now, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1");
    }
    // Bounded, so that the maintenance tasks after this one still run: 100 entries of 1,000 a
    // run keep up with 3,000 stored answers a second.
    for (int entries = 0;
        entries < PURGE_ENTRIES_PER_RUN && oldestIdempotentAnswerExpired(now);
        entries++) {
      int purged = submit(new PurgeIdempotencyCommand(now, batch), Integer.class);
      if (purged < batch) {
        return;
      }
    }
  }

  private boolean oldestIdempotentAnswerExpired(Instant now) {
    List<IdempotentCommand.Expiry> oldest =
        stateMachine
            .store()
            .scan(IdempotentCommand.EXPIRY_PREFIX, null, 1, IdempotentCommand.Expiry.class);
    return !oldest.isEmpty() && !oldest.get(0).expiresAt().isAfter(now);
  }

  private ClavisException noQuorum() {
    return hasLeader()
        ? new ClavisException(ErrorCode.UNAVAILABLE, "the write could not be committed in time")
        : new ClavisException(
            ErrorCode.READ_ONLY,
            "no quorum: this node is read-only until a majority of voters is reachable");
  }

  /**
   * Waits up to {@link #READ_ONLY_AFTER_MS} for the group to have a leader: between a leader
   * stepping down (a transfer, an election) and its successor's first heartbeat, nodes know none
   * for a moment, and a write then should wait rather than fail.
   */
  private boolean awaitAnyLeader() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_ONLY_AFTER_MS);
    try {
      while (System.nanoTime() < deadline) {
        Thread.sleep(10);
        if (hasLeader()) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private DivisionInfo info() throws IOException {
    return division().getInfo();
  }

  /**
   * This member's division of the group. Looking it up waits while the server is still starting it;
   * once found it is kept, and reading its state is a matter of fields.
   */
  private RaftServer.Division division() throws IOException {
    RaftServer.Division d = division;
    if (d == null) {
      d = server.getDivision(group.getGroupId());
      division = d;
    }
    return d;
  }

  /**
   * The division's state as it is now, for the status readers ({@link #hasLeader}, {@link
   * #appliedIndex}, {@link #leaderName}, {@link #role}): they never wait for a starting server (the
   * health probe calls them on an I/O thread) and give their "not running" answers until the
   * division has been found (the node finds it right after {@link #start}).
   */
  private DivisionInfo currentInfo() throws IOException {
    RaftServer.Division d = division;
    if (d == null) {
      throw new IOException("the Raft server is still starting");
    }
    return d.getInfo();
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
      return currentInfo().getLeaderId() != null;
    } catch (IOException e) {
      return false;
    }
  }

  public long appliedIndex() {
    try {
      return currentInfo().getLastAppliedIndex();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The highest log index known to be committed, or -1 when the division is not running. */
  public long commitIndex() {
    try {
      return division().getRaftLog().getLastCommittedIndex();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * On the leader, how many committed entries each other member has yet to commit, by name; empty
   * on other nodes (only the leader tracks its followers).
   */
  public java.util.Map<String, Long> followerLag() {
    try {
      var division = division();
      if (!division.getInfo().isLeader()) {
        return java.util.Map.of();
      }
      long committed = division.getRaftLog().getLastCommittedIndex();
      java.util.Map<String, Long> out = new java.util.TreeMap<>();
      for (var info : division.getCommitInfos()) {
        String member = info.getServer().getId().toStringUtf8();
        if (!member.equals(name())) {
          out.put(member, Math.max(0, committed - info.getCommitIndex()));
        }
      }
      return out;
    } catch (IOException e) {
      return java.util.Map.of();
    }
  }

  private RaftGroup clientGroup(Settings settings) {
    List<RaftPeer> peers = new java.util.ArrayList<>(settings.knownPeers());
    peers.removeIf(p -> p.getId().equals(self.getId()));
    peers.add(self);
    return RaftGroup.valueOf(group.getGroupId(), peers);
  }

  /** A Raft peer: a node name and its cluster address; listeners replicate but do not vote. */
  public static RaftPeer peer(String name, String clusterAddress, boolean listener) {
    return RaftPeer.newBuilder()
        .setId(RaftPeerId.valueOf(name))
        .setAddress(clusterAddress)
        .setStartupRole(listener ? RaftPeerRole.LISTENER : RaftPeerRole.FOLLOWER)
        .build();
  }

  /** A member of the current configuration. */
  public record Member(String name, String clusterAddress, boolean listener) {}

  /** The committed configuration: voters and listeners. */
  public List<Member> members() {
    try {
      var conf = division().getRaftConf();
      List<Member> out = new java.util.ArrayList<>();
      for (RaftPeer p : conf.getCurrentPeers()) {
        out.add(new Member(p.getId().toString(), p.getAddress(), false));
      }
      for (RaftPeer p : conf.getCurrentPeers(RaftPeerRole.LISTENER)) {
        out.add(new Member(p.getId().toString(), p.getAddress(), true));
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Changes the membership: the given voters and listeners become the configuration. Ratis brings
   * new members up to date before the change commits (joint consensus).
   */
  public void reconfigure(List<Member> newMembers) {
    List<RaftPeer> voters = new java.util.ArrayList<>();
    List<RaftPeer> listeners = new java.util.ArrayList<>();
    for (Member m : newMembers) {
      (m.listener() ? listeners : voters).add(peer(m.name(), m.clusterAddress(), m.listener()));
    }
    try {
      RaftClientReply reply = client.admin().setConfiguration(voters, listeners);
      if (!reply.isSuccess()) {
        throw new ClavisException(
            ErrorCode.UNAVAILABLE,
            "membership change failed: " + String.valueOf(reply.getException()));
      }
    } catch (IOException e) {
      throw new ClavisException(
          ErrorCode.UNAVAILABLE, "membership change failed: " + e.getMessage(), e);
    }
  }

  public String name() {
    return self.getId().toString();
  }

  public java.util.UUID groupId() {
    return group.getGroupId().getUuid();
  }

  /** The leader's name, or null while there is none. */
  public String leaderName() {
    try {
      RaftPeerId id = currentInfo().getLeaderId();
      return id == null ? null : id.toString();
    } catch (IOException e) {
      return null;
    }
  }

  /** LEADER, FOLLOWER, LISTENER or CANDIDATE; UNKNOWN while the server is starting. */
  public String role() {
    try {
      return currentInfo().getCurrentRole().name();
    } catch (IOException e) {
      return "UNKNOWN";
    }
  }

  public long currentTerm() {
    try {
      return info().getCurrentTerm();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    writes.close();
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
