package io.clavis.server.audit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** Events, small logs and file surgery shared by the audit tests. */
final class AuditFixtures {
  static final Instant T0 = Instant.parse("2026-11-23T07:00:00.123456Z");

  private AuditFixtures() {}

  /** Small segments so that a dozen records span several files. */
  static AuditLog.Settings small(long segmentBytes) {
    return new AuditLog.Settings(segmentBytes, 1024, true, Duration.ofMillis(50));
  }

  /**
   * Appends {@code event} until the log takes it again (after a failure), and returns the record.
   */
  static AuditRecord appendOnceRecovered(AuditLog log, AuditEvent event) {
    AtomicReference<AuditRecord> written = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              try {
                written.set(log.append(event).get());
                return true;
              } catch (ExecutionException e) {
                return false;
              }
            });
    return written.get();
  }

  static AuditEvent event(int i) {
    return new AuditEvent(
        T0.plusSeconds(i),
        i % 2 == 0 ? "alice" : "bob",
        i % 2 == 0 ? "user_alice" : "user_bob",
        "token",
        "127.0.0.1",
        "rest",
        i % 3 == 0 ? "vault.create" : (i % 3 == 1 ? "key.encrypt" : "key.decrypt"),
        Map.of("keyId", "key_" + (i % 4), "vaultId", "vault_1"),
        i % 5 == 0 ? AuditEvent.DENIED : AuditEvent.ALLOWED,
        i % 5 == 0 ? "permission_denied" : null,
        "req-" + i,
        100 + i,
        "clavis-cli/0.1.0");
  }

  /** Writes {@code n} records one at a time, so that segments roll at predictable records. */
  static List<AuditRecord> writeLog(Path dir, String node, int n, long segmentBytes)
      throws Exception {
    List<AuditRecord> records = new ArrayList<>();
    try (AuditLog log = AuditLog.open(dir, node, small(segmentBytes))) {
      for (int i = 1; i <= n; i++) {
        records.add(log.append(event(i)).get());
      }
    }
    return records;
  }

  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }

  static List<String> lines(Path file) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    if (content.isEmpty()) {
      return new ArrayList<>();
    }
    return new ArrayList<>(Arrays.asList(content.split("\n", -1)).subList(0, countLines(content)));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l).append('\n');
    }
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path p : segments(from)) {
      Files.copy(p, to.resolve(p.getFileName()));
    }
  }

  static Path segmentPath(Path dir, long firstSeq) {
    return dir.resolve(String.format("segment-%020d.jsonl", firstSeq));
  }

  static AuditLog.Head head(AuditRecord r) {
    return new AuditLog.Head(r.node(), r.seq(), r.hash());
  }

  private static int countLines(String content) {
    int n = 0;
    for (int i = 0; i < content.length(); i++) {
      if (content.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
