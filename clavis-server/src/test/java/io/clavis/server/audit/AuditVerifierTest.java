package io.clavis.server.audit;

import static io.clavis.server.audit.AuditFixtures.copyDir;
import static io.clavis.server.audit.AuditFixtures.head;
import static io.clavis.server.audit.AuditFixtures.lines;
import static io.clavis.server.audit.AuditFixtures.segmentPath;
import static io.clavis.server.audit.AuditFixtures.segments;
import static io.clavis.server.audit.AuditFixtures.writeLines;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test damages a copy of one good log: 12 records in segments of 3 (1-3, 4-6, 7-9, 10-12). */
class AuditVerifierTest {
  @TempDir static Path root;
  static Path good;
  static List<AuditRecord> records;

  @TempDir Path dir;

  @BeforeAll
  static void writeGoodLog() throws Exception {
    good = root.resolve("good");
    records = AuditFixtures.writeLog(good, "n1", 12, 1200);
    List<Path> segments = segments(good);
    assertThat(segments)
        .containsExactly(
            segmentPath(good, 1),
            segmentPath(good, 4),
            segmentPath(good, 7),
            segmentPath(good, 10));
  }

  private Path copy() throws IOException {
    Path d = dir.resolve("copy");
    copyDir(good, d);
    return d;
  }

  private static VerifyResult.Broken broken(Path d, List<AuditLog.Head> heads) throws IOException {
    VerifyResult result = AuditVerifier.verify(d, heads);
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBroken()).isNotNull();
    return result.firstBroken();
  }

  private static VerifyResult.Broken broken(Path d) throws IOException {
    return broken(d, List.of());
  }

  /** Replaces one byte of a line (0-based line and column) of a segment. */
  private static void setByte(Path segment, int line, int column, char value) throws IOException {
    List<String> lines = lines(segment);
    String l = lines.get(line);
    lines.set(line, l.substring(0, column) + value + l.substring(column + 1));
    writeLines(segment, lines);
  }

  @Test
  void anIntactLogPasses() throws Exception {
    VerifyResult result = AuditVerifier.verify(good, List.of());

    assertThat(result).isEqualTo(new VerifyResult(true, 12, "n1", null));
  }

  @Test
  void anEmptyOrMissingDirectoryIsAnIntactEmptyChain() throws Exception {
    assertThat(AuditVerifier.verify(dir, List.of()))
        .isEqualTo(new VerifyResult(true, 0, null, null));
    assertThat(AuditVerifier.verify(dir.resolve("none"), List.of()).intact()).isTrue();
  }

  @Test
  void aChangedValueIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 4);
    String line = lines(segment).get(1); // seq 5
    int column = line.indexOf("\"operation\":\"") + 14;
    setByte(segment, 1, column, (char) (line.charAt(column) ^ 1));

    VerifyResult.Broken b = broken(d);
    assertThat(b.segment()).isEqualTo(segment);
    assertThat(b.line()).isEqualTo(2);
    assertThat(b.seq()).isEqualTo(5);
    assertThat(b.reason()).isEqualTo("hash does not match the record's content");
  }

  @Test
  void aChangedHashIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 7);
    String line = lines(segment).getFirst(); // seq 7
    int column = line.lastIndexOf("\"hash\":\"") + 8 + 10;
    char other = line.charAt(column) == '0' ? '1' : '0';
    setByte(segment, 0, column, other);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(segment, 1, 7L, b.reason()));
    assertThat(b.reason()).isEqualTo("hash does not match the record's content");
  }

  @Test
  void aHashThatIsNotHexIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 7);
    String line = lines(segment).getFirst();
    setByte(segment, 0, line.length() - 5, 'X');

    VerifyResult.Broken b = broken(d);
    assertThat(b.line()).isEqualTo(1);
    assertThat(b.seq()).isEqualTo(7);
    assertThat(b.reason()).contains("hex");
  }

  @Test
  void aChangedPrevHashIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 10);
    String line = lines(segment).get(2); // seq 12, the last record
    int column = line.indexOf("\"prevHash\":\"") + 12 + 30;
    char other = line.charAt(column) == 'a' ? 'b' : 'a';
    setByte(segment, 2, column, other);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(segment, 3, 12L, b.reason()));
    assertThat(b.reason()).isEqualTo("hash does not match the record's content");
  }

  @Test
  void changedBracesAreDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 1);
    setByte(segment, 0, 0, '[');

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(segment, 1, null, b.reason()));
    assertThat(b.reason()).isEqualTo("hash does not match the record's content");

    Path d2 = dir.resolve("second");
    copyDir(good, d2);
    Path segment2 = segmentPath(d2, 1);
    String line = lines(segment2).get(1);
    setByte(segment2, 1, line.length() - 1, ']');
    VerifyResult.Broken b2 = broken(d2);
    assertThat(b2).isEqualTo(new VerifyResult.Broken(segment2, 2, 2L, b2.reason()));
    assertThat(b2.reason()).contains("does not end with");

    Path d3 = dir.resolve("third");
    copyDir(good, d3);
    Path segment3 = segmentPath(d3, 1);
    String resources = lines(segment3).get(2);
    setByte(segment3, 2, resources.indexOf("\"resources\":{") + 12, '(');
    VerifyResult.Broken b3 = broken(d3);
    assertThat(b3).isEqualTo(new VerifyResult.Broken(segment3, 3, 3L, b3.reason()));
    assertThat(b3.reason()).isEqualTo("hash does not match the record's content");
  }

  @Test
  void everySingleByteFlipIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 4);
    byte[] original = Files.readAllBytes(segment);
    Random random = new Random(42);
    for (int i = 0; i < 40; i++) {
      int at = random.nextInt(original.length);
      byte[] damaged = original.clone();
      damaged[at] ^= (byte) (1 << random.nextInt(8));
      Files.write(segment, damaged);

      VerifyResult result = AuditVerifier.verify(d, List.of());
      assertThat(result.intact()).as("flip at byte %d", at).isFalse();
      assertThat(result.firstBroken().segment()).isEqualTo(segment);
    }
  }

  @Test
  void aDeletedFirstRecordIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 1);
    List<String> lines = lines(segment);
    lines.removeFirst();
    writeLines(segment, lines);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(segment, 1, 2L, b.reason()));
    assertThat(b.reason()).contains("starts at seq 2, not 1");
  }

  @Test
  void aDeletedMiddleRecordIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 4);
    List<String> lines = lines(segment);
    lines.remove(1); // seq 5
    writeLines(segment, lines);

    VerifyResult result = AuditVerifier.verify(d, List.of());
    assertThat(result.records()).isEqualTo(4);
    assertThat(result.firstBroken())
        .isEqualTo(
            new VerifyResult.Broken(
                segment, 2, 6L, "seq 6 follows seq 4 (a record is missing or out of order)"));
  }

  @Test
  void aDeletedLastRecordIsOnlyDetectedThroughTheCommittedHead() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 10);
    List<String> lines = lines(segment);
    lines.removeLast(); // seq 12
    writeLines(segment, lines);

    assertThat(AuditVerifier.verify(d, List.of()).intact()).isTrue();
    VerifyResult.Broken b = broken(d, List.of(head(records.get(5)), head(records.getLast())));
    assertThat(b)
        .isEqualTo(
            new VerifyResult.Broken(
                segment,
                3,
                12L,
                "the chain ends at seq 11 but seq 12 was committed (records were removed)"));
  }

  @Test
  void aDeletedLastSegmentIsDetectedThroughTheCommittedHead() throws Exception {
    Path d = copy();
    Files.delete(segmentPath(d, 10));

    VerifyResult.Broken b = broken(d, List.of(head(records.get(10))));
    assertThat(b.segment()).isEqualTo(segmentPath(d, 7));
    assertThat(b.reason()).contains("the chain ends at seq 9 but seq 11 was committed");
  }

  @Test
  void aRecordWhoseSeqAndHashesWereRewrittenIsCaughtByPrevHash() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 4);
    List<String> lines = lines(segment);
    // Forge seq 5 with a valid hash of its own but another predecessor.
    AuditRecord forged =
        new AuditRecord(5, "n1", AuditFixtures.event(99), "f".repeat(64), "0".repeat(64));
    String body = AuditJson.body(5, "n1", forged.event(), forged.prevHash());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    lines.set(1, body + AuditJson.tail(LineHash.sha256Hex(bytes, bytes.length)));
    writeLines(segment, lines);

    VerifyResult.Broken b = broken(d);
    assertThat(b)
        .isEqualTo(
            new VerifyResult.Broken(
                segment,
                2,
                5L,
                "prevHash does not match the previous record (a record was removed or reordered)"));
  }

  @Test
  void aReorderedPairIsDetected() throws Exception {
    Path d = copy();
    Path segment = segmentPath(d, 7);
    List<String> lines = lines(segment);
    String seq8 = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, seq8);
    writeLines(segment, lines);

    VerifyResult.Broken b = broken(d);
    assertThat(b.segment()).isEqualTo(segment);
    assertThat(b.line()).isEqualTo(2);
    assertThat(b.seq()).isEqualTo(9);
    assertThat(b.reason()).isEqualTo("seq 9 follows seq 7 (a record is missing or out of order)");
  }

  @Test
  void aRecordMovedToTheNextSegmentIsDetected() throws Exception {
    Path d = copy();
    Path from = segmentPath(d, 1);
    Path to = segmentPath(d, 4);
    List<String> fromLines = lines(from);
    List<String> toLines = lines(to);
    toLines.addFirst(fromLines.removeLast()); // seq 3 now opens the segment named 4
    writeLines(from, fromLines);
    writeLines(to, toLines);

    VerifyResult.Broken b = broken(d);
    assertThat(b.segment()).isEqualTo(to);
    assertThat(b.line()).isEqualTo(1);
    assertThat(b.seq()).isEqualTo(3);
    assertThat(b.reason()).contains("file name says the segment starts at seq 4");
  }

  @Test
  void aRecordMovedToThePreviousSegmentIsDetected() throws Exception {
    Path d = copy();
    Path from = segmentPath(d, 7);
    Path to = segmentPath(d, 4);
    List<String> fromLines = lines(from);
    List<String> toLines = lines(to);
    toLines.addLast(fromLines.removeFirst()); // seq 7 now ends the segment named 4
    writeLines(from, fromLines);
    writeLines(to, toLines);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(from, 1, 8L, b.reason()));
    assertThat(b.reason()).contains("file name says the segment starts at seq 7");
  }

  @Test
  void aRenamedSegmentIsDetected() throws Exception {
    Path d = copy();
    Files.move(segmentPath(d, 4), segmentPath(d, 5));

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(segmentPath(d, 5), 1, 4L, b.reason()));
    assertThat(b.reason()).contains("file name says the segment starts at seq 5");
  }

  @Test
  void aSegmentRenamedOutOfThePatternIsDetected() throws Exception {
    Path d = copy();
    Path hidden = d.resolve("segment-4.jsonl");
    Files.move(segmentPath(d, 4), hidden);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(hidden, 0, null, b.reason()));
    assertThat(b.reason()).contains("file name");
  }

  @Test
  void aRemovedMiddleSegmentIsDetected() throws Exception {
    Path d = copy();
    Files.delete(segmentPath(d, 4));

    VerifyResult.Broken b = broken(d);
    assertThat(b)
        .isEqualTo(
            new VerifyResult.Broken(
                segmentPath(d, 7),
                1,
                7L,
                "seq 7 follows seq 3 (a record is missing or out of order)"));
  }

  @Test
  void appendedGarbageIsDetected() throws Exception {
    Path d = copy();
    Path last = segmentPath(d, 10);
    Files.writeString(last, "garbage\n", StandardOpenOption.APPEND);

    VerifyResult result = AuditVerifier.verify(d, List.of());
    assertThat(result.records()).isEqualTo(12);
    assertThat(result.firstBroken().segment()).isEqualTo(last);
    assertThat(result.firstBroken().line()).isEqualTo(4);
    assertThat(result.firstBroken().seq()).isNull();
    assertThat(result.firstBroken().reason()).contains("does not end with");
  }

  @Test
  void binaryGarbageWithoutNewlineIsAnIncompleteLine() throws Exception {
    Path d = copy();
    Path last = segmentPath(d, 10);
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    for (int i = 0; i < junk.length; i++) {
      if (junk[i] == '\n') {
        junk[i] = 0;
      }
    }
    Files.write(last, junk, StandardOpenOption.APPEND);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(last, 4, null, "line is incomplete"));
  }

  @Test
  void invalidUtf8WithAMatchingHashIsReportedNotThrown() throws Exception {
    Path d = copy();
    Path last = segmentPath(d, 10);
    byte[] body = "{\"seq\":13,\"time\":\"?\"".getBytes(StandardCharsets.US_ASCII);
    body[body.length - 2] = (byte) 0xC3; // a UTF-8 lead byte without its continuation
    byte[] tail =
        (AuditJson.tail(LineHash.sha256Hex(body, body.length)) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    Files.write(last, body, StandardOpenOption.APPEND);
    Files.write(last, tail, StandardOpenOption.APPEND);

    VerifyResult.Broken b = broken(d);
    assertThat(b.line()).isEqualTo(4);
    assertThat(b.seq()).isEqualTo(13);
    assertThat(b.reason()).startsWith("line is not an audit record");
  }

  @Test
  void aHugeLineIsCappedAndReported() throws Exception {
    Path d = copy();
    Path last = segmentPath(d, 10);
    byte[] huge = new byte[3 << 20];
    java.util.Arrays.fill(huge, (byte) 'x');
    huge[huge.length - 1] = '\n';
    Files.write(last, huge, StandardOpenOption.APPEND);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(last, 4, null, "line is longer than 1 MiB"));
  }

  @Test
  void anEmptySegmentInTheMiddleIsDetected() throws Exception {
    Path d = copy();
    Path empty = segmentPath(d, 5);
    Files.createFile(empty);

    VerifyResult.Broken b = broken(d);
    assertThat(b).isEqualTo(new VerifyResult.Broken(empty, 0, 5L, b.reason()));
    assertThat(b.reason()).contains("segment is empty");

    Path d2 = dir.resolve("emptied");
    copyDir(good, d2);
    Files.write(segmentPath(d2, 4), new byte[0]);
    VerifyResult result = AuditVerifier.verify(d2, List.of());
    assertThat(result.records()).isEqualTo(3);
    assertThat(result.firstBroken())
        .isEqualTo(new VerifyResult.Broken(segmentPath(d2, 4), 0, 4L, b.reason()));
  }

  @Test
  void anEmptyNewestSegmentRightAfterARollIsIntact() throws Exception {
    Path d = copy();
    Files.createFile(segmentPath(d, 13));

    assertThat(AuditVerifier.verify(d, List.of()).intact()).isTrue();
  }

  @Test
  void aRecordOfAnotherNodeIsDetected() throws Exception {
    Path d = copy();
    Path last = segmentPath(d, 10);
    String body = AuditJson.body(13, "n2", AuditFixtures.event(13), records.getLast().hash());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Files.writeString(
        last,
        body + AuditJson.tail(LineHash.sha256Hex(bytes, bytes.length)) + "\n",
        StandardOpenOption.APPEND);

    VerifyResult.Broken b = broken(d);
    assertThat(b)
        .isEqualTo(
            new VerifyResult.Broken(last, 4, 13L, "record of node n2 in the chain of node n1"));
  }

  @Test
  void matchingCommittedHeadsPass() throws Exception {
    List<AuditLog.Head> heads =
        List.of(
            new AuditLog.Head("n1", 0, LineHash.ZERO),
            head(records.get(0)),
            head(records.get(6)),
            head(records.getLast()));

    VerifyResult result = AuditVerifier.verify(good, heads);
    assertThat(result.firstBroken()).isNull();
    assertThat(result.intact()).isTrue();
  }

  @Test
  void aCommittedHeadWithAnotherHashFails() throws Exception {
    AuditRecord r = records.get(7); // seq 8
    String other = "e".repeat(64);

    VerifyResult result = AuditVerifier.verify(good, List.of(new AuditLog.Head("n1", 8, other)));
    assertThat(result.records()).isEqualTo(7);
    assertThat(result.firstBroken())
        .isEqualTo(
            new VerifyResult.Broken(
                segmentPath(good, 7),
                2,
                8L,
                "committed head seq 8 has hash " + other + " but the record has " + r.hash()));
  }

  @Test
  void aCommittedHeadOfAnotherNodeFails() throws Exception {
    AuditRecord r = records.get(7);

    VerifyResult.Broken b = broken(good, List.of(new AuditLog.Head("n2", 8, r.hash())));
    assertThat(b.seq()).isEqualTo(8);
    assertThat(b.reason()).contains("node n2");
  }

  @Test
  void aCommittedHeadBeyondTheEndFails() throws Exception {
    VerifyResult result =
        AuditVerifier.verify(good, List.of(new AuditLog.Head("n1", 40, "a".repeat(64))));

    assertThat(result.intact()).isFalse();
    assertThat(result.records()).isEqualTo(12);
    assertThat(result.firstBroken())
        .isEqualTo(
            new VerifyResult.Broken(
                segmentPath(good, 10),
                4,
                13L,
                "the chain ends at seq 12 but seq 40 was committed (records were removed)"));
  }

  @Test
  void headsOfAnEmptyLogAreCheckedToo() throws Exception {
    assertThat(
            AuditVerifier.verify(dir, List.of(new AuditLog.Head("n1", 0, LineHash.ZERO))).intact())
        .isTrue();
    VerifyResult.Broken b = broken(dir, List.of(new AuditLog.Head("n1", 3, "a".repeat(64))));
    assertThat(b.segment()).isEqualTo(dir);
    assertThat(b.reason()).contains("the chain ends at seq 0 but seq 3 was committed");
  }
}
