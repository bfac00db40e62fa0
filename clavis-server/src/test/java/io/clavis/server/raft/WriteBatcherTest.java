package io.clavis.server.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.state.StateJson;
import io.clavis.server.vault.DeleteCompartmentCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit with a stand-in for Ratis whose sends finish only when the test lets them. */
class WriteBatcherTest {
  /** One send the batcher made: the entry it sent, and how the test will answer it. */
  private record Sent(JsonNode entry, CompletableFuture<Boolean> outcome) {
    List<String> ids() {
      List<String> ids = new ArrayList<>();
      if (entry.get("type").asText().equals("batch")) {
        entry.get("commands").forEach(c -> ids.add(c.get("id").asText()));
      } else {
        ids.add(entry.get("id").asText());
      }
      return ids;
    }
  }

  private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
  // This member's applied index, as the state machine would report it; the test moves it.
  private final AppliedIndexWatch appliedHere = new AppliedIndexWatch();
  private final AtomicLong nextIndex = new AtomicLong();
  private final WriteBatcher batcher = new WriteBatcher(this::send, appliedHere::whenApplied);

  @AfterEach
  void close() {
    batcher.close();
  }

  private RaftClientReply send(Message message) throws IOException {
    JsonNode entry;
    entry = StateJson.MAPPER.readTree(message.getContent().toByteArray());
    Sent s = new Sent(entry, new CompletableFuture<>());
    sent.add(s);
    boolean commit = s.outcome.join();
    if (!commit) {
      throw new IOException("no leader");
    }
    long index = nextIndex.incrementAndGet();
    if (applyAtOnce) {
      appliedHere.advance(index);
    }
    // The state machine's answer: one reply per command, each echoing its command's id.
    List<CommandReply> replies = s.ids().stream().map(CommandReply::ok).toList();
    Object answer = entry.get("type").asText().equals("batch") ? replies : replies.get(0);
    return RaftClientReply.newBuilder()
        .setClientId(ClientId.randomId())
        .setServerId(RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"), RaftGroupId.randomId()))
        .setCallId(1)
        .setLogIndex(index)
        .setSuccess()
        .setMessage(Message.valueOf(ByteString.copyFrom(StateJson.toBytes(answer))))
        .build();
  }

  /** Whether this member applies each entry as soon as the leader has (most tests). */
  private volatile boolean applyAtOnce = true;

  private CompletableFuture<CommandReply> submit(String id) {
    return batcher.submit(new DeleteCompartmentCommand(id));
  }

  private Sent nextSent() throws InterruptedException {
    Sent s = sent.poll(30, TimeUnit.SECONDS);
    assertThat(s).as("a send").isNotNull();
    return s;
  }

  private static String answer(CompletableFuture<CommandReply> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS).resultAs(String.class);
  }

  @Test
  void aWriteAnswersOnlyOnceThisMemberHasAppliedItsEntry() throws Exception {
    applyAtOnce = false;
    CompletableFuture<CommandReply> reply = submit("c1");
    nextSent().outcome().complete(true);
    // Committed and applied by the leader, not yet here: a read here would not see it.
    await().atMost(Duration.ofSeconds(30)).until(() -> nextIndex.get() == 1);
    assertThat(reply).isNotDone();
    appliedHere.advance(1);
    assertThat(answer(reply)).isEqualTo("c1");
  }

  @Test
  void aLoneCommandGoesAtOnceAsItself() throws Exception {
    CompletableFuture<CommandReply> reply = submit("c1");
    Sent s = nextSent();
    assertThat(s.entry().get("type").asText()).isEqualTo("delete-compartment");
    s.outcome().complete(true);
    assertThat(answer(reply)).isEqualTo("c1");
  }

  @Test
  void commandsQueuedWhileEverySlotIsBusyLeaveTogetherInOrderWithTheirOwnAnswers()
      throws Exception {
    List<Sent> busy = new ArrayList<>();
    List<CompletableFuture<CommandReply>> first = new ArrayList<>();
    for (int i = 0; i < WriteBatcher.MAX_IN_FLIGHT; i++) {
      first.add(submit("busy" + i));
      busy.add(nextSent());
    }
    List<CompletableFuture<CommandReply>> queued = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add("q" + i);
      queued.add(submit("q" + i));
    }
    assertThat(sent).isEmpty(); // nothing leaves while every slot is taken
    busy.get(0).outcome().complete(true);
    Sent batch = nextSent();
    assertThat(batch.entry().get("type").asText()).isEqualTo("batch");
    assertThat(batch.ids()).containsExactlyElementsOf(ids);
    batch.outcome().complete(true);
    for (int i = 0; i < 10; i++) {
      assertThat(answer(queued.get(i))).isEqualTo("q" + i);
    }
    for (int i = 1; i < busy.size(); i++) {
      busy.get(i).outcome().complete(true);
    }
    for (int i = 0; i < first.size(); i++) {
      assertThat(answer(first.get(i))).isEqualTo("busy" + i);
    }
  }

  @Test
  void anEntryHoldsAtMostMaxCommands() throws Exception {
    List<Sent> busy = new ArrayList<>();
    for (int i = 0; i < WriteBatcher.MAX_IN_FLIGHT; i++) {
      submit("busy" + i);
      busy.add(nextSent());
    }
    int total = WriteBatcher.MAX_COMMANDS + 7;
    List<CompletableFuture<CommandReply>> queued = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      queued.add(submit("q" + i));
    }
    busy.forEach(s -> s.outcome().complete(true));
    // two senders: the entries may arrive in either order
    List<Sent> two = new ArrayList<>(List.of(nextSent(), nextSent()));
    two.sort(java.util.Comparator.comparingInt(s -> -s.ids().size()));
    Sent a = two.get(0);
    Sent b = two.get(1);
    assertThat(a.ids()).hasSize(WriteBatcher.MAX_COMMANDS).startsWith("q0");
    assertThat(b.ids()).hasSize(7).endsWith("q" + (total - 1));
    a.outcome().complete(true);
    b.outcome().complete(true);
    for (int i = 0; i < total; i++) {
      assertThat(answer(queued.get(i))).isEqualTo("q" + i);
    }
  }

  @Test
  void aCommandWhoseCallerStoppedWaitingIsNeverProposed() throws Exception {
    List<Sent> busy = new ArrayList<>();
    for (int i = 0; i < WriteBatcher.MAX_IN_FLIGHT; i++) {
      submit("busy" + i);
      busy.add(nextSent());
    }
    CompletableFuture<CommandReply> q0 = submit("q0");
    CompletableFuture<CommandReply> q1 = submit("q1");
    CompletableFuture<CommandReply> q2 = submit("q2");
    q1.cancel(false); // RaftNode.submit gave up on it (timeout, no leader)
    busy.get(0).outcome().complete(true);
    Sent batch = nextSent();
    assertThat(batch.ids()).containsExactly("q0", "q2");
    batch.outcome().complete(true);
    assertThat(answer(q0)).isEqualTo("q0");
    assertThat(answer(q2)).isEqualTo("q2");
    busy.forEach(s -> s.outcome().complete(true));
  }

  @Test
  void aFailedEntryFailsEveryCommandInItAndNoOther() throws Exception {
    CompletableFuture<CommandReply> lost = submit("lost");
    nextSent().outcome().complete(false);
    assertThatThrownBy(() -> lost.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(WriteBatcher.NotCommittedException.class);
    CompletableFuture<CommandReply> next = submit("next");
    nextSent().outcome().complete(true);
    assertThat(answer(next)).isEqualTo("next");
  }

  @Test
  void closingFailsWhatIsStillQueued() throws Exception {
    for (int i = 0; i < WriteBatcher.MAX_IN_FLIGHT; i++) {
      submit("busy" + i);
      nextSent();
    }
    CompletableFuture<CommandReply> queued = submit("queued");
    batcher.close();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(queued).isCompletedExceptionally());
    assertThat(submit("after")).isCompletedExceptionally();
  }

  @Test
  void batchesAreNotSubmittedFromOutside() {
    assertThatThrownBy(
            () -> batcher.submit(new CommandBatch(List.of(new DeleteCompartmentCommand("x")))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
