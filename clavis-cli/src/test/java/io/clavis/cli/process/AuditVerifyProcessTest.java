package io.clavis.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.server.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clavis audit verify} on the data directory of a real node: intact while the node runs (the
 * replicated state is opened read-only beside it) and after it stopped; broken, naming the segment
 * and line, after a byte is flipped, a line deleted, two lines swapped or the tail cut off (each on
 * a copy of the directory).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditVerifyProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INTACT =
      Pattern.compile(
          "audit trail intact: (\\d+) records on node (\\S+) \\((\\d+) committed heads checked\\)\n");

  @TempDir static Path dir;

  private Path data;
  private String nodeName;
  private InProcessCli.Result whileRunning;

  @BeforeAll
  void runANodeThenStopIt() throws Exception {
    data = dir.resolve("node");
    try (NodeProcess node = new NodeProcess(data).start()) {
      nodeName = node.devJson().get("nodes").get(0).get("name").asText();
      InProcessCli root = InProcessCli.forNode(node, node.devJson().get("token").asText());
      String vault = field(root.run("vault", "create", "v", "-o", "json"), "id");
      String key =
          field(
              root.run(
                  "key", "create", "k", "--vault", vault, "--algorithm", "AES_128", "-o", "json"),
              "id");
      for (int i = 0; i < 5; i++) {
        field(root.run("encrypt", "-k", key, "--plaintext", "m" + i, "-o", "json"), "ciphertext");
      }
      root.run("key", "get", "key_missing"); // a failed request is recorded too
      whileRunning = root.run("audit", "verify", "--data", data.toString());
      assertThat(node.stop()).isIn(0, 143);
    }
  }

  private static String field(InProcessCli.Result r, String name) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out()).get(name).asText();
  }

  private static InProcessCli cli() {
    return new InProcessCli(Map.of());
  }

  /** A copy of the stopped node's data directory. */
  private Path copy(String name) throws IOException {
    Path target = dir.resolve(name);
    try (Stream<Path> files = Files.walk(data)) {
      for (Path p : files.toList()) {
        Path t = target.resolve(data.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }

  private static Path firstSegment(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.list(dataDir.resolve("audit"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("segment-\\d{20}\\.jsonl"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  private static List<String> lines(Path segment) throws IOException {
    return new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
  }

  private static void write(Path segment, List<String> lines) throws IOException {
    Files.writeString(segment, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static void assertBroken(InProcessCli.Result r, Path segment, String where) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.out()).startsWith("audit trail BROKEN at " + segment + " " + where);
  }

  @Test
  void intactWhileTheNodeRuns() {
    assertThat(whileRunning.exit()).as(whileRunning.out() + whileRunning.err()).isZero();
    assertThat(whileRunning.err()).isEmpty();
    Matcher m = INTACT.matcher(whileRunning.out());
    assertThat(m.matches()).as(whileRunning.out()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(8);
    assertThat(m.group(2)).isEqualTo(nodeName);
  }

  @Test
  void intactAfterTheNodeStoppedWithItsCommittedHeads() throws Exception {
    InProcessCli.Result r = cli().run("audit", "verify", "--data", data.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Matcher m = INTACT.matcher(r.out());
    assertThat(m.matches()).as(r.out()).isTrue();
    long records = Long.parseLong(m.group(1));
    assertThat(records).isGreaterThanOrEqualTo(8).isEqualTo(lines(firstSegment(data)).size());
    assertThat(m.group(2)).isEqualTo(nodeName);
    assertThat(Integer.parseInt(m.group(3))).as("the head committed when stopping").isPositive();

    InProcessCli.Result json =
        cli().run("audit", "verify", "--data", data.toString(), "-o", "json");
    assertThat(json.exit()).isZero();
    JsonNode j = JSON.readTree(json.out());
    assertThat(j.get("intact").asBoolean()).isTrue();
    assertThat(j.get("records").asLong()).isEqualTo(records);
    assertThat(j.get("node").asText()).isEqualTo(nodeName);
    assertThat(j.get("headsChecked").asInt()).isEqualTo(Integer.parseInt(m.group(3)));
    assertThat(j.has("broken")).isFalse();
  }

  @Test
  void aFlippedByteBreaksTheTrailAtItsLine() throws Exception {
    Path copy = copy("flipped");
    Path segment = firstSegment(copy);
    byte[] bytes = Files.readAllBytes(segment);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int secondLine = text.indexOf('\n') + 1;
    int at = text.indexOf("\"operation\":\"", secondLine) + "\"operation\":\"".length();
    assertThat(at).isLessThan(text.indexOf('\n', secondLine));
    bytes[at] ^= 1;
    Files.write(segment, bytes);

    InProcessCli.Result r = cli().run("audit", "verify", "--data", copy.toString());
    assertBroken(r, segment, "line 2 (seq 2): ");
    assertThat(r.out()).endsWith("hash does not match the record's content\n");

    InProcessCli.Result json =
        cli().run("audit", "verify", "--data", copy.toString(), "-o", "json");
    assertThat(json.exit()).isEqualTo(1);
    JsonNode broken = JSON.readTree(json.out()).get("broken");
    assertThat(broken.get("segment").asText()).isEqualTo(segment.toString());
    assertThat(broken.get("line").asLong()).isEqualTo(2);
    assertThat(broken.get("seq").asLong()).isEqualTo(2);
    assertThat(JSON.readTree(json.out()).get("intact").asBoolean()).isFalse();
    assertThat(JSON.readTree(json.out()).get("records").asLong()).isEqualTo(1);
  }

  @Test
  void aDeletedLineBreaksTheTrail() throws Exception {
    Path copy = copy("deleted");
    Path segment = firstSegment(copy);
    List<String> lines = lines(segment);
    lines.remove(2);
    write(segment, lines);
    InProcessCli.Result r = cli().run("audit", "verify", "--data", copy.toString());
    assertBroken(r, segment, "line 3 (seq 4): ");
    assertThat(r.out()).contains("seq 4 follows seq 2");
  }

  @Test
  void twoSwappedLinesBreakTheTrail() throws Exception {
    Path copy = copy("swapped");
    Path segment = firstSegment(copy);
    List<String> lines = lines(segment);
    String second = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, second);
    write(segment, lines);
    InProcessCli.Result r = cli().run("audit", "verify", "--data", copy.toString());
    assertBroken(r, segment, "line 2 (seq 3): ");
  }

  @Test
  void aCutOffTailIsCaughtByTheCommittedHeads() throws Exception {
    Path copy = copy("truncated");
    Path segment = firstSegment(copy);
    List<String> lines = lines(segment);
    int n = lines.size();
    write(segment, lines.subList(0, n - 2));
    InProcessCli.Result r = cli().run("audit", "verify", "--data", copy.toString());
    assertBroken(r, segment, "line " + (n - 1) + " (seq " + (n - 1) + "): ");
    assertThat(r.out()).contains("records were removed");
  }

  @Test
  void withoutTheReplicatedStateTheChainIsCheckedAloneWithAWarning() throws Exception {
    Path copy = copy("no-state");
    try (Stream<Path> files = Files.walk(copy.resolve("raft"))) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    InProcessCli.Result r = cli().run("audit", "verify", "--data", copy.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).matches(INTACT.pattern()).endsWith("(0 committed heads checked)\n");
    assertThat(r.err())
        .startsWith("warning: cannot read the committed audit heads")
        .endsWith("; checking the chain without them\n");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void aReadOnlyStateStoreRefusesWritesAndCreatesNothing() throws Exception {
    Path copy = copy("read-only");
    Path raft = copy.resolve("raft");
    Path db;
    try (Stream<Path> groups = Files.list(raft)) {
      db =
          groups
              .map(g -> g.resolve("sm").resolve("db"))
              .filter(Files::isDirectory)
              .findFirst()
              .orElseThrow();
    }
    try (StateStore store = StateStore.openReadOnly(db)) {
      assertThat(store.appliedIndex()).isPositive();
      assertThat(store.scan("audit-head/", null, 100, JsonNode.class)).isNotEmpty();
      assertThatThrownBy(() -> store.apply(1, store.appliedIndex() + 1, txn -> txn.put("k", "v")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("read-only");
    }
    Path missing = copy.resolve("no-such-db");
    assertThatThrownBy(() -> StateStore.openReadOnly(missing)).isInstanceOf(IOException.class);
    assertThat(missing).doesNotExist();
  }
}
