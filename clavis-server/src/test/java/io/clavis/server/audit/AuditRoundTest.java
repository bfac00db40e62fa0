package io.clavis.server.audit;

import static io.clavis.server.audit.AuditFixtures.event;
import static io.clavis.server.audit.AuditFixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records an event-loop thread writes itself, one write per round of its work ({@link
 * AuditLog#appendInRound}). A single-thread executor stands in for the event loop: a task appends,
 * and the round is written by the next task, as on a Netty loop.
 */
class AuditRoundTest {
  @TempDir Path dir;

  private final List<ExecutorService> loops = new ArrayList<>();

  @AfterEach
  void stopLoops() {
    loops.forEach(ExecutorService::shutdownNow);
  }

  private ExecutorService loop(String name) {
    ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
    loops.add(loop);
    return loop;
  }

  /** Appends events {@code from..to} in one task of {@code loop}, as one round of requests. */
  private static List<CompletableFuture<AuditRecord>> round(
      AuditLog log, ExecutorService loop, int from, int to) throws Exception {
    return loop.submit(
            () -> {
              List<CompletableFuture<AuditRecord>> futures = new ArrayList<>();
              for (int i = from; i <= to; i++) {
                futures.add(log.appendInRound(event(i), loop));
              }
              // Nothing is written while the round's work is still going on.
              assertThat(futures).noneMatch(CompletableFuture::isDone);
              return futures;
            })
        .get(30, TimeUnit.SECONDS);
  }

  /** Counts writes and fsyncs and which thread made each write and opened each segment. */
  private static final class Disk implements WriteHook {
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger forces = new AtomicInteger();
    final List<String> writers = Collections.synchronizedList(new ArrayList<>());
    final List<String> openers = Collections.synchronizedList(new ArrayList<>());

    /** Opens and fsyncs in order: "open|force SEGMENT by THREAD". */
    final List<String> sequence = Collections.synchronizedList(new ArrayList<>());

    final AtomicBoolean broken = new AtomicBoolean();

    @Override
    public void beforeWrite(Path segment, FileChannel channel) throws IOException {
      if (broken.get()) {
        throw new IOException("No space left on device");
      }
      writes.incrementAndGet();
      writers.add(Thread.currentThread().getName());
    }

    @Override
    public void beforeOpen(Path segment) throws IOException {
      openers.add(Thread.currentThread().getName() + " " + segment.getFileName());
      sequence.add("open " + segment.getFileName() + " by " + Thread.currentThread().getName());
      if (broken.get()) {
        throw new IOException("Input/output error"); // keeps the log from recovering meanwhile
      }
    }

    @Override
    public void beforeForce(Path segment) {
      forces.incrementAndGet();
      sequence.add("force " + segment.getFileName() + " by " + Thread.currentThread().getName());
    }
  }

  private static AuditLog.Settings fsyncEvery(Duration interval) {
    return new AuditLog.Settings(1 << 20, 1024, true, interval);
  }

  @Test
  void aRoundIsOneWriteOnTheLoopThreadAndItsFuturesCompleteThere() throws Exception {
    Disk disk = new Disk();
    ExecutorService loop = loop("io-1");
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofHours(1)), disk)) {
      List<CompletableFuture<AuditRecord>> futures = round(log, loop, 1, 50);
      List<String> completedOn = Collections.synchronizedList(new ArrayList<>());
      futures.forEach(f -> f.thenRun(() -> completedOn.add(Thread.currentThread().getName())));
      List<AuditRecord> records = new ArrayList<>();
      for (CompletableFuture<AuditRecord> f : futures) {
        records.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(records).extracting(AuditRecord::seq).containsExactly(seqs(1, 50));
      assertThat(records).extracting(r -> r.event().requestId()).startsWith("req-1", "req-2");
      assertThat(disk.writes.get()).isEqualTo(1);
      assertThat(disk.writers).containsExactly("io-1");
      assertThat(log.head().seq()).isEqualTo(50);

      // The next round is a write of its own.
      assertThat(round(log, loop, 51, 52).getLast().get(30, TimeUnit.SECONDS).seq()).isEqualTo(52);
      assertThat(disk.writes.get()).isEqualTo(2);
    }
    assertThat(AuditVerifier.verify(dir, List.of()).records()).isEqualTo(52);
  }

  @Test
  void roundsOfSeveralLoopsAndTheWriterThreadMakeOneValidChain() throws Exception {
    int rounds = 40;
    int perRound = 25;
    List<ExecutorService> threads = List.of(loop("io-1"), loop("io-2"));
    List<CompletableFuture<AuditRecord>> all = Collections.synchronizedList(new ArrayList<>());
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofMillis(5)))) {
      ExecutorService others = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          int base = r * perRound;
          ExecutorService loop = threads.get(r % 2);
          done.add(
              others.submit(
                  () -> {
                    all.addAll(round(log, loop, base + 1, base + perRound));
                    for (int i = 0; i < perRound; i++) {
                      all.add(log.append(event(100_000 + base + i)));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        others.shutdown();
      }
      int n = 2 * rounds * perRound;
      List<Long> seqs = new ArrayList<>();
      for (CompletableFuture<AuditRecord> f : all) {
        seqs.add(f.get(30, TimeUnit.SECONDS).seq());
      }
      assertThat(seqs).hasSize(n);
      assertThat(seqs.stream().mapToLong(Long::longValue).sorted().toArray())
          .isEqualTo(LongStream.rangeClosed(1, n).toArray());
    }
    VerifyResult result = AuditVerifier.verify(dir, List.of());
    assertThat(result.firstBroken()).isNull();
    assertThat(result.records()).isEqualTo(2L * rounds * perRound);
  }

  @Test
  void aRoundIsForcedWithinTheIntervalThoughTheWriterThreadWasNeverWoken() throws Exception {
    Disk disk = new Disk();
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofMillis(200)), disk)) {
      round(log, loop("io-1"), 1, 3).getLast().get(30, TimeUnit.SECONDS);
      assertThat(disk.writers).containsExactly("io-1");
      await().atMost(Duration.ofSeconds(30)).until(() -> disk.forces.get() >= 1);
    }
  }

  @Test
  void aSegmentTheLoopsFillIsRolledByTheWriterThreadNotByThem() throws Exception {
    Disk disk = new Disk();
    ExecutorService loop = loop("io-1");
    AuditLog.Settings oneRecordSegments = new AuditLog.Settings(1, 1024, true, Duration.ofHours(1));
    try (AuditLog log = AuditLog.open(dir, "n1", oneRecordSegments, disk)) {
      // The very first segment is created by whoever writes first; once the round has filled it,
      // the writer thread is woken to start the next.
      round(log, loop, 1, 1).getFirst().get(30, TimeUnit.SECONDS);
      awaitRollsByTheWriter(disk, 1);
      round(log, loop, 2, 3).getLast().get(30, TimeUnit.SECONDS);
      awaitRollsByTheWriter(disk, 2);
      assertThat(round(log, loop, 4, 4).getFirst().get(30, TimeUnit.SECONDS).seq()).isEqualTo(4);
      awaitRollsByTheWriter(disk, 3);
      assertThat(disk.openers)
          .containsExactly(
              "io-1 " + Segments.path(dir, 1).getFileName(),
              "audit-writer " + Segments.path(dir, 2).getFileName(),
              "audit-writer " + Segments.path(dir, 4).getFileName(),
              "audit-writer " + Segments.path(dir, 5).getFileName());
      assertThat(disk.writers).containsOnly("io-1");
      // Only the writer thread syncs, and each segment before the next one is opened.
      assertThat(disk.sequence).noneMatch(e -> e.startsWith("force") && e.endsWith("by io-1"));
      for (long[] pair : new long[][] {{1, 2}, {2, 4}, {4, 5}}) {
        String forced = "force " + Segments.path(dir, pair[0]).getFileName() + " by audit-writer";
        String opened = "open " + Segments.path(dir, pair[1]).getFileName() + " by audit-writer";
        assertThat(disk.sequence).contains(forced, opened);
        assertThat(disk.sequence.indexOf(forced)).isLessThan(disk.sequence.indexOf(opened));
      }
    }
    // The last segment is the empty one started for the next record.
    assertThat(segments(dir)).hasSize(4);
    VerifyResult result = AuditVerifier.verify(dir, List.of());
    assertThat(result.firstBroken()).isNull();
    assertThat(result.records()).isEqualTo(4);
  }

  private static void awaitRollsByTheWriter(Disk disk, int rolls) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                disk.openers.stream().filter(o -> o.startsWith("audit-writer ")).count() >= rolls);
  }

  @Test
  void anInterruptedLoopThreadStillWritesAndKeepsItsInterrupt() throws Exception {
    java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
    Executor manual = tasks::add; // this test thread is the loop: it runs the tasks itself
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofHours(1)))) {
      CompletableFuture<AuditRecord> f = log.appendInRound(event(1), manual);
      assertThat(tasks).hasSize(1);
      Thread.currentThread().interrupt();
      try {
        tasks.poll().run();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(f.get(30, TimeUnit.SECONDS).seq()).isEqualTo(1);
      // The channel survived: the next round is written too.
      CompletableFuture<AuditRecord> next = log.appendInRound(event(2), manual);
      tasks.poll().run();
      assertThat(next.get(30, TimeUnit.SECONDS).seq()).isEqualTo(2);
    }
  }

  @Test
  void anErrorWhileWritingARoundFailsItsRequestsAtOnceAndTheLogRecovers() throws Exception {
    AtomicBoolean exhausted = new AtomicBoolean(true);
    WriteHook outOfMemory =
        (segment, channel) -> {
          if (exhausted.get()) {
            throw new OutOfMemoryError("direct buffer memory");
          }
        };
    java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
    Executor manual = tasks::add;
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofHours(1)), outOfMemory)) {
      CompletableFuture<AuditRecord> f = log.appendInRound(event(1), manual);
      assertThatThrownBy(() -> tasks.poll().run()).isInstanceOf(OutOfMemoryError.class);
      assertThat(f).isCompletedExceptionally();
      assertThatThrownBy(f::get).cause().isInstanceOf(AuditUnavailableException.class);

      exhausted.set(false);
      assertThat(AuditFixtures.appendOnceRecovered(log, event(2)).seq()).isEqualTo(1);
    }
    assertThat(AuditVerifier.verify(dir, List.of()).records()).isEqualTo(1);
  }

  @Test
  void withAZeroIntervalTheLoopLeavesTheWriteAndTheFsyncToTheWriterThread() throws Exception {
    Disk disk = new Disk();
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ZERO), disk)) {
      CompletableFuture<AuditRecord> f = round(log, loop("io-1"), 1, 1).getFirst();
      assertThat(f.get(30, TimeUnit.SECONDS).seq()).isEqualTo(1);
      assertThat(disk.writers).containsExactly("audit-writer");
      assertThat(disk.forces.get()).isEqualTo(1);
    }
  }

  @Test
  void aFailedWriteFailsTheWholeRoundAndLaterRoundsAtOnce() throws Exception {
    Disk disk = new Disk();
    ExecutorService loop = loop("io-1");
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofHours(1)), disk)) {
      AuditRecord first = round(log, loop, 1, 1).getFirst().get(30, TimeUnit.SECONDS);
      disk.broken.set(true);
      for (CompletableFuture<AuditRecord> f : round(log, loop, 2, 4)) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(AuditUnavailableException.class)
            .hasMessageContaining("No space left on device");
      }
      CompletableFuture<AuditRecord> refused = log.appendInRound(event(5), loop);
      assertThat(refused).isCompletedExceptionally();
      assertThat(log.head()).isEqualTo(AuditFixtures.head(first));
    }
  }

  @Test
  void aClosedLogOrAStoppedLoopRefusesAtOnce() throws Exception {
    ExecutorService stopped = loop("io-stopped");
    stopped.shutdown();
    AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofHours(1)));
    try {
      CompletableFuture<AuditRecord> rejected = log.appendInRound(event(1), stopped);
      assertThat(rejected).isCompletedExceptionally();
      assertThatThrownBy(rejected::get)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("shutting down");
      // The rejected round left nothing behind: the next one is written.
      assertThat(round(log, loop("io-1"), 2, 2).getFirst().get(30, TimeUnit.SECONDS).seq())
          .isEqualTo(1);
    } finally {
      log.close();
    }
    CompletableFuture<AuditRecord> closed = log.appendInRound(event(3), loop("io-2"));
    assertThat(closed).isCompletedExceptionally();
    assertThatThrownBy(closed::get).cause().hasMessageContaining("closed");
  }

  @Test
  void aRoundThatRunsAfterCloseIsRefusedNotLost() throws Exception {
    ExecutorService loop = loop("io-1");
    AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofHours(1)));
    List<CompletableFuture<AuditRecord>> futures =
        loop.submit(
                () -> {
                  CompletableFuture<AuditRecord> f = log.appendInRound(event(1), loop);
                  log.close(); // the round's write task runs after this one
                  return List.of(f);
                })
            .get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> futures.getFirst().get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void rejectsNulls() throws Exception {
    try (AuditLog log = AuditLog.open(dir, "n1", fsyncEvery(Duration.ofHours(1)))) {
      assertThatThrownBy(() -> log.appendInRound(null, Runnable::run))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> log.appendInRound(event(1), null))
          .isInstanceOf(NullPointerException.class);
    }
  }

  private static Long[] seqs(int from, int to) {
    return LongStream.rangeClosed(from, to).boxed().toArray(Long[]::new);
  }
}
