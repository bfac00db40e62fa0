package io.clavis.server.audit;

import static io.clavis.server.audit.AuditFixtures.T0;
import static io.clavis.server.audit.AuditFixtures.segmentPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries over 30 records in segments of 3; {@link AuditFixtures#event} varies every field. */
class AuditReaderTest {
  @TempDir static Path dir;
  static List<AuditRecord> records;

  @TempDir Path scratch;

  @BeforeAll
  static void writeLog() throws Exception {
    records = AuditFixtures.writeLog(dir, "n1", 30, 1200);
    assertThat(AuditFixtures.segments(dir)).hasSize(10);
  }

  private static List<AuditRecord> where(Predicate<AuditEvent> p) {
    return records.stream().filter(r -> p.test(r.event())).toList();
  }

  private static List<AuditRecord> all(AuditQuery q) throws IOException {
    AuditPage page = AuditReader.query(dir, q, 0, 1000);
    assertThat(page.more()).isFalse();
    assertThat(page.lastSeqScanned()).isEqualTo(30);
    return page.records();
  }

  private static AuditQuery query(String keyId, String principal, String operation, String result) {
    return new AuditQuery(keyId, principal, operation, result, null, null);
  }

  @Test
  void noFilterReturnsEverythingInOrder() throws Exception {
    assertThat(all(AuditQuery.all())).isEqualTo(records);
  }

  @Test
  void filtersByKeyId() throws Exception {
    List<AuditRecord> found = all(query("key_1", null, null, null));

    assertThat(found)
        .isNotEmpty()
        .isEqualTo(where(e -> "key_1".equals(e.resources().get("keyId"))));
    assertThat(all(query("key_none", null, null, null))).isEmpty();
  }

  @Test
  void filtersByPrincipalNameOrId() throws Exception {
    List<AuditRecord> alice = where(e -> e.principal().equals("alice"));

    assertThat(alice).hasSize(15);
    assertThat(all(query(null, "alice", null, null))).isEqualTo(alice);
    assertThat(all(query(null, "user_alice", null, null))).isEqualTo(alice);
    assertThat(all(query(null, "carol", null, null))).isEmpty();
  }

  @Test
  void filtersByOperationExactlyOrByPrefix() throws Exception {
    assertThat(all(query(null, null, "key.encrypt", null)))
        .isNotEmpty()
        .isEqualTo(where(e -> e.operation().equals("key.encrypt")));
    assertThat(all(query(null, null, "key.*", null)))
        .isEqualTo(where(e -> e.operation().startsWith("key.")))
        .hasSize(20);
    assertThat(all(query(null, null, "key", null))).isEmpty();
    assertThat(all(query(null, null, "*", null))).hasSize(30);
  }

  @Test
  void filtersByResult() throws Exception {
    assertThat(all(query(null, null, null, AuditEvent.DENIED)))
        .hasSize(6)
        .isEqualTo(where(e -> e.result().equals(AuditEvent.DENIED)));
  }

  @Test
  void filtersByTimeFromInclusiveToExclusive() throws Exception {
    AuditQuery window =
        new AuditQuery(null, null, null, null, T0.plusSeconds(5), T0.plusSeconds(9));

    assertThat(all(window)).extracting(AuditRecord::seq).containsExactly(5L, 6L, 7L, 8L);
  }

  @Test
  void filtersCombine() throws Exception {
    AuditQuery q =
        new AuditQuery("key_2", "alice", "key.*", AuditEvent.ALLOWED, T0, T0.plusSeconds(100));

    assertThat(all(q))
        .isNotEmpty()
        .isEqualTo(
            where(
                e ->
                    "key_2".equals(e.resources().get("keyId"))
                        && e.principal().equals("alice")
                        && e.operation().startsWith("key.")
                        && e.result().equals(AuditEvent.ALLOWED)));
  }

  @Test
  void pagesContinueAfterTheLastSeqAcrossSegments() throws Exception {
    AuditQuery q = query(null, "bob", null, null);
    List<AuditRecord> collected = new ArrayList<>();
    long after = 0;
    int pages = 0;
    AuditPage page;
    do {
      page = AuditReader.query(dir, q, after, 4);
      collected.addAll(page.records());
      assertThat(page.records()).hasSizeLessThanOrEqualTo(4);
      after = page.lastSeqScanned();
      pages++;
    } while (page.more());

    assertThat(collected).isEqualTo(where(e -> e.principal().equals("bob")));
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void afterSeqSkipsEarlierRecordsAndSegments() throws Exception {
    AuditPage page = AuditReader.query(dir, AuditQuery.all(), 22, 3);

    assertThat(page.records()).extracting(AuditRecord::seq).containsExactly(23L, 24L, 25L);
    assertThat(page.lastSeqScanned()).isEqualTo(25);
    assertThat(page.more()).isTrue();
    AuditPage end = AuditReader.query(dir, AuditQuery.all(), 30, 3);
    assertThat(end).isEqualTo(new AuditPage(List.of(), 30, false));
  }

  @Test
  void aFullLastPageSaysWhetherMoreFollows() throws Exception {
    assertThat(AuditReader.query(dir, AuditQuery.all(), 27, 3).more()).isFalse();
    assertThat(AuditReader.query(dir, AuditQuery.all(), 26, 3).more()).isTrue();
  }

  @Test
  void skippedSegmentsAreNotRead() throws Exception {
    Path d = scratch.resolve("log");
    AuditFixtures.copyDir(dir, d);
    // Garbage in a segment that cannot hold seq > 10 must not matter.
    Files.writeString(segmentPath(d, 1), "garbage\n", StandardOpenOption.APPEND);

    AuditPage page = AuditReader.query(d, AuditQuery.all(), 10, 2);
    assertThat(page.records()).extracting(AuditRecord::seq).containsExactly(11L, 12L);
    assertThatThrownBy(() -> AuditReader.query(d, AuditQuery.all(), 0, 100))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 4");
  }

  @Test
  void aPartialLastLineIsIgnored() throws Exception {
    Path d = scratch.resolve("log");
    AuditFixtures.copyDir(dir, d);
    Files.writeString(
        segmentPath(d, 28),
        "{\"seq\":31,\"time\":\"2026-11-2",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    AuditPage page = AuditReader.query(d, AuditQuery.all(), 25, 100);
    assertThat(page.records())
        .extracting(AuditRecord::seq)
        .containsExactly(26L, 27L, 28L, 29L, 30L);
    assertThat(page.more()).isFalse();
  }

  @Test
  void theScanIsBoundedAndReportsWhereItStopped() throws Exception {
    AuditQuery nothing = query("key_none", null, null, null);
    List<Long> stops = new ArrayList<>();
    long after = 0;
    AuditPage page;
    do {
      page = AuditReader.query(dir, nothing, after, 10, 7);
      assertThat(page.records()).isEmpty();
      after = page.lastSeqScanned();
      stops.add(after);
    } while (page.more());

    assertThat(stops).containsExactly(7L, 14L, 21L, 28L, 30L);
  }

  @Test
  void theScanBoundAlsoStopsAMatchingQuery() throws Exception {
    AuditPage page = AuditReader.query(dir, query(null, "alice", null, null), 0, 100, 10);

    assertThat(page.records()).extracting(AuditRecord::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
    assertThat(page.lastSeqScanned()).isEqualTo(10);
    assertThat(page.more()).isTrue();
    assertThat(AuditReader.MAX_SCANNED_LINES).isEqualTo(200_000);
  }

  @Test
  void aMissingDirectoryIsAnEmptyTrail() throws Exception {
    assertThat(AuditReader.query(scratch.resolve("none"), AuditQuery.all(), 0, 10))
        .isEqualTo(new AuditPage(List.of(), 0, false));
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> AuditReader.query(dir, AuditQuery.all(), -1, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditReader.query(dir, AuditQuery.all(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
