package io.clavis.server.audit;

import static io.clavis.server.audit.AuditFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-closed behaviour. The writer is stalled or made to fail through {@link WriteHook}: tests run
 * as root, for whom read-only directories are writable.
 */
class AuditLogFailureTest {
  @TempDir Path dir;

  private static AuditLog.Settings queueOf(int capacity) {
    return new AuditLog.Settings(1 << 20, capacity, true, Duration.ofMillis(10));
  }

  @Test
  void aFullQueueFailsAppendsAtOnce() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WriteHook stall =
        (segment, channel) -> {
          writing.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new InterruptedIOException();
          }
        };
    try (AuditLog log = AuditLog.open(dir, "n1", queueOf(2), stall)) {
      CompletableFuture<AuditRecord> first = log.append(event(1));
      writing.await(); // the writer holds the first event and is stuck writing it
      CompletableFuture<AuditRecord> second = log.append(event(2));
      CompletableFuture<AuditRecord> third = log.append(event(3));
      assertThat(log.queueDepth()).isEqualTo(2);

      CompletableFuture<AuditRecord> refused = log.append(event(4));
      assertThat(refused).isCompletedExceptionally();
      assertThatThrownBy(refused::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("queue is full");

      release.countDown();
      assertThat(first.get().seq()).isEqualTo(1);
      assertThat(second.get().seq()).isEqualTo(2);
      assertThat(third.get().seq()).isEqualTo(3);
      assertThat(log.append(event(5)).get().seq()).isEqualTo(4);
    }
    assertThat(AuditVerifier.verify(dir, List.of()).intact()).isTrue();
  }

  /**
   * A disk that can be pulled: writes leave part of a batch behind (longer than the next record, so
   * that writing over it would not hide it) and fail; opens fail.
   */
  private static final class FlakyDisk implements WriteHook {
    final AtomicBoolean broken = new AtomicBoolean();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger failedOpens = new AtomicInteger();

    @Override
    public void beforeWrite(Path segment, FileChannel channel) throws IOException {
      if (broken.get()) {
        String partial = "{\"seq\":3,\"time\":\"" + "x".repeat(4000);
        channel.write(ByteBuffer.wrap(partial.getBytes(StandardCharsets.UTF_8)), channel.size());
        throw new IOException("No space left on device");
      }
    }

    @Override
    public void beforeOpen(Path segment) throws IOException {
      opens.incrementAndGet();
      if (broken.get()) {
        failedOpens.incrementAndGet();
        throw new IOException("Input/output error");
      }
    }

    /** Waits until the writer has tried to reopen the segment twice more. */
    void awaitRetries() {
      int seen = opens.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> opens.get() >= seen + 2);
    }
  }

  @Test
  void aWriteFailureFailsTheBatchThenEveryAppendUntilTheDiskIsBack() throws Exception {
    FlakyDisk disk = new FlakyDisk();
    try (AuditLog log = AuditLog.open(dir, "n1", queueOf(1024), disk)) {
      AuditRecord second = null;
      for (int i = 1; i <= 2; i++) {
        second = log.append(event(i)).get();
      }
      disk.broken.set(true);

      CompletableFuture<AuditRecord> lost = log.append(event(3));
      assertThatThrownBy(lost::get)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("No space left on device");
      // Failed state: refused at once, without waiting for the writer.
      CompletableFuture<AuditRecord> refused = log.append(event(4));
      assertThat(refused).isCompletedExceptionally();
      assertThatThrownBy(refused::get)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("unavailable");
      assertThat(log.head()).isEqualTo(AuditFixtures.head(second));
      // The writer keeps trying to reopen the segment on its own.
      disk.awaitRetries();
      assertThat(disk.failedOpens.get()).isGreaterThanOrEqualTo(2);
      assertThat(log.append(event(4))).isCompletedExceptionally();

      disk.broken.set(false);
      AuditRecord next = AuditFixtures.appendOnceRecovered(log, event(5));
      assertThat(next.seq()).isEqualTo(3);
      assertThat(next.prevHash()).isEqualTo(second.hash());
    }
    // The half line of the failed write was cut off when the segment was reopened.
    VerifyResult result = AuditVerifier.verify(dir, List.of());
    assertThat(result.firstBroken()).isNull();
    assertThat(result.records()).isEqualTo(3);
  }

  @Test
  void aFailedRollIsRetriedIntoTheSameSegment() throws Exception {
    FlakyDisk disk = new FlakyDisk();
    AuditLog.Settings tiny = new AuditLog.Settings(1, 16, true, Duration.ZERO);
    try (AuditLog log = AuditLog.open(dir, "n1", tiny, disk)) {
      AuditRecord first = log.append(event(1)).get();
      disk.broken.set(true); // the roll to segment 2 cannot open the new file
      assertThatThrownBy(() -> log.append(event(2)).get())
          .cause()
          .isInstanceOf(AuditUnavailableException.class);
      disk.broken.set(false);
      AuditRecord next = AuditFixtures.appendOnceRecovered(log, event(3));
      assertThat(next.seq()).isEqualTo(2);
      assertThat(next.prevHash()).isEqualTo(first.hash());
    }
    assertThat(AuditFixtures.segments(dir))
        .containsExactly(AuditFixtures.segmentPath(dir, 1), AuditFixtures.segmentPath(dir, 2));
    assertThat(AuditVerifier.verify(dir, List.of()).intact()).isTrue();
  }

  @Test
  void aDeletedSegmentIsNotSilentlyRecreated() throws Exception {
    FlakyDisk disk = new FlakyDisk();
    try (AuditLog log = AuditLog.open(dir, "n1", queueOf(16), disk)) {
      log.append(event(1)).get();
      Files.delete(AuditFixtures.segmentPath(dir, 1)); // the open channel still works
      disk.broken.set(true);
      assertThatThrownBy(() -> log.append(event(2)).get())
          .cause()
          .isInstanceOf(AuditUnavailableException.class);
      disk.broken.set(false);

      // Reopening fails for good: a segment that lost its records must not restart empty.
      disk.awaitRetries();
      assertThat(log.append(event(3))).isCompletedExceptionally();
      assertThat(Files.exists(AuditFixtures.segmentPath(dir, 1))).isFalse();
    }
  }

  @Test
  void aShortenedSegmentIsNotContinued() throws Exception {
    FlakyDisk disk = new FlakyDisk();
    Path segment = AuditFixtures.segmentPath(dir, 1);
    try (AuditLog log = AuditLog.open(dir, "n1", queueOf(16), disk)) {
      log.append(event(1)).get();
      long oneRecord = Files.size(segment);
      log.append(event(2)).get();
      disk.broken.set(true);
      assertThatThrownBy(() -> log.append(event(3)).get())
          .cause()
          .isInstanceOf(AuditUnavailableException.class);
      try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
        ch.truncate(oneRecord); // record 2, already acknowledged, is gone
      }
      disk.broken.set(false);

      disk.awaitRetries();
      CompletableFuture<AuditRecord> refused = log.append(event(4));
      assertThat(refused).isCompletedExceptionally();
      assertThat(Files.size(segment)).isEqualTo(oneRecord);
    }
  }

  @Test
  void failOpenIsOnlyAHintForTheCaller() throws Exception {
    AuditLog.Settings open = new AuditLog.Settings(1 << 20, 16, false, Duration.ofSeconds(1));
    try (AuditLog log = AuditLog.open(dir, "n1", open)) {
      assertThat(log.failClosed()).isFalse();
      assertThat(log.append(event(1)).get().seq()).isEqualTo(1);
    }
  }
}
