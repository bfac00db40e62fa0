package io.clavis.server.audit;

import static io.clavis.server.audit.AuditFixtures.event;
import static io.clavis.server.audit.AuditFixtures.lines;
import static io.clavis.server.audit.AuditFixtures.segments;
import static io.clavis.server.audit.AuditFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  @Test
  void emptyLogHasTheZeroHead() throws Exception {
    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      assertThat(log.head()).isEqualTo(new AuditLog.Head("n1", 0, LineHash.ZERO));
      assertThat(log.queueDepth()).isZero();
      assertThat(log.failClosed()).isTrue();
      assertThat(log.truncatedBytes()).isZero();
    }
    assertThat(segments(dir)).isEmpty();
  }

  @Test
  void concurrentAppendsGetEverySeqOnceInAValidChain() throws Exception {
    int threads = 16;
    int perThread = 250;
    List<AuditRecord> records = Collections.synchronizedList(new ArrayList<>());
    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int base = t * perThread;
          done.add(
              pool.submit(
                  () -> {
                    List<CompletableFuture<AuditRecord>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                      mine.add(log.append(event(base + i)));
                    }
                    mine.forEach(f -> records.add(f.join()));
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdown();
      }
      int n = threads * perThread;
      assertThat(records).hasSize(n);
      assertThat(records.stream().mapToLong(AuditRecord::seq).sorted().toArray())
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, n).toArray());
      AuditRecord last = records.stream().filter(r -> r.seq() == n).findFirst().orElseThrow();
      assertThat(log.head()).isEqualTo(new AuditLog.Head("n1", n, last.hash()));

      // Written (not only queued) before the futures completed: visible while the log is open.
      AuditPage page = AuditReader.query(dir, AuditQuery.all(), n - 1, 10);
      assertThat(page.records()).containsExactly(last);
    }
    VerifyResult result = AuditVerifier.verify(dir, List.of());
    assertThat(result.firstBroken()).isNull();
    assertThat(result.intact()).isTrue();
    assertThat(result.records()).isEqualTo(threads * perThread);
    assertThat(result.node()).isEqualTo("n1");
  }

  @Test
  void recordsLinkToTheirPredecessor() throws Exception {
    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      AuditRecord first = log.append(event(1)).get();
      AuditRecord second = log.append(event(2)).get();

      assertThat(first.seq()).isEqualTo(1);
      assertThat(first.prevHash()).isEqualTo(LineHash.ZERO);
      assertThat(second.seq()).isEqualTo(2);
      assertThat(second.prevHash()).isEqualTo(first.hash());
      assertThat(first.event()).isEqualTo(event(1));
    }
    Path segment = segments(dir).getFirst();
    assertThat(segment.getFileName().toString()).isEqualTo("segment-00000000000000000001.jsonl");
    assertThat(lines(segment)).hasSize(2);
  }

  @Test
  void theChainContinuesAfterARestart() throws Exception {
    AuditRecord before;
    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      log.append(event(1)).get();
      before = log.append(event(2)).get();
    }
    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      assertThat(log.head()).isEqualTo(AuditFixtures.head(before));
      AuditRecord after = log.append(event(3)).get();
      assertThat(after.seq()).isEqualTo(3);
      assertThat(after.prevHash()).isEqualTo(before.hash());
    }
    assertThat(AuditVerifier.verify(dir, List.of()).intact()).isTrue();
    assertThat(segments(dir)).hasSize(1);
  }

  @Test
  void segmentsRollAndTheChainContinuesAcrossFilesAndRestarts() throws Exception {
    List<AuditRecord> first = AuditFixtures.writeLog(dir, "n1", 7, 1200);
    List<AuditRecord> all = new ArrayList<>(first);
    try (AuditLog log = AuditLog.open(dir, "n1", small(1200))) {
      for (int i = 8; i <= 14; i++) {
        all.add(log.append(event(i)).get());
      }
    }

    List<Path> segments = segments(dir);
    assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
    long expectedFirst = 1;
    for (Path s : segments) {
      assertThat(s).isEqualTo(AuditFixtures.segmentPath(dir, expectedFirst));
      assertThat(Files.size(s)).isLessThan(1200 + 1000);
      expectedFirst += lines(s).size();
    }
    assertThat(expectedFirst).isEqualTo(15);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i + 1);
      assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).hash());
    }
    VerifyResult result = AuditVerifier.verify(dir, List.of(AuditFixtures.head(all.getLast())));
    assertThat(result.firstBroken()).isNull();
    assertThat(result.records()).isEqualTo(14);
  }

  @Test
  void aPartialLastLineIsCutOffAndTheChainContinues() throws Exception {
    List<AuditRecord> written = AuditFixtures.writeLog(dir, "n1", 3, 1 << 20);
    Path segment = segments(dir).getFirst();
    long good = Files.size(segment);
    // Longer than the next record: overwriting it in place would leave a tail behind.
    String partial = "{\"seq\":4,\"time\":\"2026-1" + "x".repeat(3000);
    Files.writeString(segment, partial, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      assertThat(log.truncatedBytes()).isEqualTo(partial.length());
      assertThat(Files.size(segment)).isEqualTo(good);
      assertThat(AuditVerifier.verify(dir, List.of()).intact()).isTrue();
      assertThat(log.head()).isEqualTo(AuditFixtures.head(written.getLast()));
      AuditRecord next = log.append(event(4)).get();
      assertThat(next.seq()).isEqualTo(4);
      assertThat(next.prevHash()).isEqualTo(written.getLast().hash());
    }
    assertThat(AuditVerifier.verify(dir, List.of()).intact()).isTrue();
  }

  @Test
  void aPartialOnlyLineInARolledSegmentIsCutOffAndTheFileReused() throws Exception {
    List<AuditRecord> written = AuditFixtures.writeLog(dir, "n1", 3, 1 << 20);
    Path next = AuditFixtures.segmentPath(dir, 4);
    Files.writeString(next, "{\"seq\":4," + "x".repeat(3000), StandardCharsets.UTF_8);

    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      assertThat(log.head().seq()).isEqualTo(3);
      assertThat(Files.size(next)).isZero();
      AuditRecord r = log.append(event(4)).get();
      assertThat(r.prevHash()).isEqualTo(written.getLast().hash());
    }
    assertThat(lines(next)).hasSize(1);
    assertThat(AuditVerifier.verify(dir, List.of()).intact()).isTrue();
  }

  @Test
  void aTamperedCompleteLastLineMakesOpenFail() throws Exception {
    AuditFixtures.writeLog(dir, "n1", 3, 1 << 20);
    Path segment = segments(dir).getFirst();
    List<String> lines = lines(segment);
    String original = lines.get(2);
    lines.set(2, original.replace("\"principal\":\"bob\"", "\"principal\":\"eve\""));
    assertThat(lines.get(2)).isNotEqualTo(original);
    AuditFixtures.writeLines(segment, lines);

    assertThatThrownBy(() -> AuditLog.open(dir, "n1", AuditLog.Settings.defaults()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(segment.toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("hash does not match");
    // Nothing was cut off or appended: the evidence stays as found.
    assertThat(lines(segment)).isEqualTo(lines);
  }

  @Test
  void aLogOfAnotherNodeIsRefused() throws Exception {
    AuditFixtures.writeLog(dir, "n1", 2, 1 << 20);

    assertThatThrownBy(() -> AuditLog.open(dir, "n2", AuditLog.Settings.defaults()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("belongs to node n1");
  }

  @Test
  void aLogCannotBeOpenedTwice() throws Exception {
    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      assertThatThrownBy(() -> AuditLog.open(dir, "n1", AuditLog.Settings.defaults()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("already open");
      assertThat(log.append(event(1)).get().seq()).isEqualTo(1);
    }
    try (AuditLog again = AuditLog.open(dir, "n1", AuditLog.Settings.defaults())) {
      assertThat(again.head().seq()).isEqualTo(1);
    }
  }

  @Test
  void closeWritesWhatIsQueuedAndLaterAppendsFail() throws Exception {
    AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults());
    List<CompletableFuture<AuditRecord>> queued = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      queued.add(log.append(event(i)));
    }
    log.close();

    assertThat(queued).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(queued.getLast().join().seq()).isEqualTo(500);
    CompletableFuture<AuditRecord> late = log.append(event(501));
    assertThat(late).isCompletedExceptionally();
    assertThatThrownBy(late::join)
        .hasCauseInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("closed");
    log.close(); // idempotent
    assertThat(AuditVerifier.verify(dir, List.of()).records()).isEqualTo(500);
  }

  @Test
  void theWriterIsOneDaemonPlatformThreadNamedAuditWriter() throws Exception {
    List<Thread> seen = Collections.synchronizedList(new ArrayList<>());
    try (AuditLog log =
        AuditLog.open(
            dir, "n1", AuditLog.Settings.defaults(), (s, c) -> seen.add(Thread.currentThread()))) {
      log.append(event(1)).get();
      log.append(event(2)).get();
    }
    assertThat(seen).hasSize(2);
    assertThat(seen.getFirst()).isSameAs(seen.getLast());
    assertThat(seen.getFirst().getName()).isEqualTo("audit-writer");
    assertThat(seen.getFirst().isDaemon()).isTrue();
    assertThat(seen.getFirst().isVirtual()).isFalse();
  }

  @Test
  void closingFromTheWriterThreadIsRefusedInsteadOfDeadlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    WriteHook stall =
        (segment, channel) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
          }
        };
    try (AuditLog log = AuditLog.open(dir, "n1", AuditLog.Settings.defaults(), stall)) {
      CompletableFuture<AuditRecord> written = log.append(event(1));
      // Attached while the writer is stuck, so the stage runs on the writer thread.
      CompletableFuture<Void> closing = written.thenRun(log::close);
      release.countDown();

      assertThatThrownBy(closing::join).hasCauseInstanceOf(IllegalStateException.class);
      assertThat(log.append(event(2)).get().seq()).isEqualTo(2);
    }
  }

  /** Counts fsyncs and remembers how many batches had been written at each. */
  private static final class Fsyncs implements WriteHook {
    final AtomicInteger writes = new AtomicInteger();
    final List<Integer> forcedAfterWrites = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void beforeWrite(Path segment, FileChannel channel) {
      writes.incrementAndGet();
    }

    @Override
    public void beforeForce(Path segment) {
      forcedAfterWrites.add(writes.get());
    }
  }

  @Test
  void aZeroFsyncIntervalForcesEveryBatchBeforeItsFutureCompletes() throws Exception {
    AtomicReference<CompletableFuture<AuditRecord>> pending = new AtomicReference<>();
    List<Boolean> forcedWhilePending = Collections.synchronizedList(new ArrayList<>());
    WriteHook hook =
        new WriteHook() {
          @Override
          public void beforeWrite(Path segment, FileChannel channel) {}

          @Override
          public void beforeForce(Path segment) {
            forcedWhilePending.add(!pending.get().isDone());
          }
        };
    AuditLog.Settings everyBatch = new AuditLog.Settings(1 << 20, 16, true, Duration.ZERO);
    try (AuditLog log = AuditLog.open(dir, "n1", everyBatch, hook)) {
      for (int i = 1; i <= 3; i++) {
        CompletableFuture<AuditRecord> f = new CompletableFuture<>();
        pending.set(f);
        log.append(event(i)).whenComplete((r, e) -> f.complete(r)).get();
      }
    }
    assertThat(forcedWhilePending).startsWith(true, true, true);
  }

  @Test
  void writtenRecordsAreForcedWithinTheIntervalEvenWhenNothingElseArrives() throws Exception {
    Fsyncs fsyncs = new Fsyncs();
    AuditLog.Settings settings = new AuditLog.Settings(1 << 20, 16, true, Duration.ofMillis(200));
    try (AuditLog log = AuditLog.open(dir, "n1", settings, fsyncs)) {
      log.append(event(1)).get();
      log.append(event(2)).get();
      // No later batch comes to trigger it: the writer's own deadline must force record 2.
      await().atMost(Duration.ofSeconds(30)).until(() -> fsyncs.forcedAfterWrites.contains(2));
    }
  }

  @Test
  void aLongFsyncIntervalForcesOnlyOnClose() throws Exception {
    Fsyncs fsyncs = new Fsyncs();
    AuditLog.Settings settings = new AuditLog.Settings(1 << 20, 16, true, Duration.ofHours(1));
    try (AuditLog log = AuditLog.open(dir, "n1", settings, fsyncs)) {
      for (int i = 1; i <= 20; i++) {
        log.append(event(i)).get();
      }
      assertThat(fsyncs.forcedAfterWrites).isEmpty();
    }
    assertThat(fsyncs.forcedAfterWrites).containsExactly(20);
  }

  @Test
  void aSegmentIsForcedBeforeTheLogRollsToTheNext() throws Exception {
    Fsyncs fsyncs = new Fsyncs();
    AuditLog.Settings settings = new AuditLog.Settings(1, 16, true, Duration.ofHours(1));
    try (AuditLog log = AuditLog.open(dir, "n1", settings, fsyncs)) {
      for (int i = 1; i <= 3; i++) {
        log.append(event(i)).get();
      }
      assertThat(fsyncs.forcedAfterWrites).containsExactly(1, 2);
    }
    assertThat(segments(dir)).hasSize(3);
  }

  @Test
  void settingsAreValidated() {
    assertThat(AuditLog.Settings.defaults())
        .isEqualTo(
            new AuditLog.Settings(
                64L * 1024 * 1024, 65_536, true, java.time.Duration.ofSeconds(1)));
    assertThatThrownBy(() -> new AuditLog.Settings(0, 1, true, java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditLog.Settings(1, 0, true, java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditLog.Settings(1, 1, true, java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
