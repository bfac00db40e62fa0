package io.clavis.server.raft;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.rpc.CallId;
import org.apache.ratis.server.RaftServer;

/**
 * How this node's write entries reach the leader. While this member leads, an entry goes straight
 * into its own server: through the Raft client it would be a gRPC call from the node to itself
 * (serialisation, gRPC's threads and a loopback connection: about a quarter of a key creation's
 * CPU). Otherwise the Raft client sends it, finding the leader and retrying as leadership moves.
 *
 * <p>If this member stops leading while its entry is pending, the next leader may still commit the
 * entry. The entry is then sent again as the very same request (same client id and call id), as the
 * Raft client does when it retries: a member that has applied it answers from its retry cache with
 * the entry's outcome, and one that never saw it appends it once.
 */
final class EntrySender implements WriteBatcher.Sender {
  /** The pause before asking again after leadership moved, as the Raft client's retry policy. */
  static final long RESEND_PAUSE_MS = 250;

  private final RaftServer server;
  private final RaftClient client;
  private final RaftGroupId groupId;
  private final RaftPeerId self;
  private final Supplier<RaftServer.Division> division;
  private final long timeoutMs;
  private final LongAdder sentAsLeader = new LongAdder();
  private final LongAdder sentToLeader = new LongAdder();
  private final LongAdder resent = new LongAdder();

  /**
   * @param division this member's division, or null while the server is starting
   * @param timeoutMs how long one entry may take, resends included, before it fails as not
   *     committed
   */
  EntrySender(
      RaftServer server,
      RaftClient client,
      RaftGroupId groupId,
      RaftPeerId self,
      Supplier<RaftServer.Division> division,
      long timeoutMs) {
    this.server = server;
    this.client = client;
    this.groupId = groupId;
    this.self = self;
    this.division = division;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public RaftClientReply send(Message message) throws IOException {
    RaftServer.Division d = division.get();
    if (d == null || !d.getInfo().isLeader() || !d.getInfo().isLeaderReady()) {
      sentToLeader.increment();
      return client.io().send(message);
    }
    sentAsLeader.increment();
    long callId = CallId.getAndIncrement();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    RaftPeerId target = self;
    while (true) {
      RaftClientReply reply = null;
      IOException failure = null;
      try {
        reply = sendTo(target, callId, message, deadline);
        if (!leadershipMoved(reply)) {
          return reply;
        }
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        failure = e; // the member asked is unreachable or stopping: ask again
      }
      if (System.nanoTime() - deadline >= 0) {
        if (failure != null) {
          throw failure;
        }
        return reply;
      }
      pause();
      target = leader(reply, d);
      resent.increment();
    }
  }

  private RaftClientReply sendTo(RaftPeerId target, long callId, Message message, long deadline)
      throws IOException {
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(client.getId())
            .setServerId(target)
            .setGroupId(groupId)
            .setCallId(callId)
            .setMessage(message)
            .setType(RaftClientRequest.writeRequestType())
            .build();
    if (!target.equals(self)) {
      return client.getClientRpc().sendRequest(request);
    }
    try {
      return server
          .submitClientRequestAsync(request)
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException("local write failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the write was not committed in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  /** Whether the member asked no longer leads (or does not yet): the entry's fate is elsewhere. */
  private static boolean leadershipMoved(RaftClientReply reply) {
    return !reply.isSuccess()
        && (reply.getNotLeaderException() != null
            || reply.getLeaderNotReadyException() != null
            || reply.getLeaderSteppingDownException() != null);
  }

  /**
   * The member to ask next: the one a "not leader" answer suggests, else the leader this member
   * knows of, else this member itself (it answers with a suggestion once it knows one). The Raft
   * client learns the addresses of all current members, so that it can reach whichever it is.
   */
  private RaftPeerId leader(RaftClientReply reply, RaftServer.Division d) {
    NotLeaderException notLeader = reply == null ? null : reply.getNotLeaderException();
    RaftPeerId next =
        notLeader != null && notLeader.getSuggestedLeader() != null
            ? notLeader.getSuggestedLeader().getId()
            : d.getInfo().getLeaderId();
    if (next == null) {
      return self;
    }
    if (!next.equals(self)) {
      client.getClientRpc().addRaftPeers(d.getRaftConf().getCurrentPeers());
    }
    return next;
  }

  private static void pause() throws InterruptedIOException {
    try {
      Thread.sleep(RESEND_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  long sentAsLeader() {
    return sentAsLeader.sum();
  }

  long sentToLeader() {
    return sentToLeader.sum();
  }

  /** Entries sent again after leadership moved while they were pending. */
  long resent() {
    return resent.sum();
  }
}
