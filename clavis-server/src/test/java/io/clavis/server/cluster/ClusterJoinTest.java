package io.clavis.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.testing.TestNode;
import io.clavis.server.tls.Fingerprints;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes join a cluster the way an operator joins them: announce the candidate with its fingerprint,
 * join with the cluster CA's fingerprint, start, get activated, receive the state, unseal. Real
 * Ratis over mutual TLS, real RocksDB, three nodes in one JVM.
 */
class ClusterJoinTest {
  private static final String PASS = "cluster-join-passphrase";

  @TempDir Path dir;
  private final List<TestNode> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    nodes.forEach(TestNode::close);
  }

  @Test
  void candidatesJoinReplicateAndServeEveryRequest() throws Exception {
    TestNode n1 = new TestNode(dir.resolve("node1"), c -> c.withNodeName("node1"));
    nodes.add(n1);
    String token = n1.initialize(PASS);
    String vault = n1.createVault("v");
    String key = n1.createKey(vault, "k", "AES_256");
    String caFingerprint = n1.call("GET", "/v1/cluster", null).json().get("caFingerprint").asText();
    assertThat(Fingerprints.parse(caFingerprint)).isPresent();

    TestNode n2 = join(n1, "node2", caFingerprint, token);
    TestNode n3 = join(n1, "node3", caFingerprint, token);

    // A write through a follower is forwarded to the leader, answered once applied on that
    // follower (its writer reads it back there at once), and visible everywhere.
    long forwardedBefore = n3.node().raft().entriesSentToLeader();
    for (int i = 0; i < 20; i++) {
      String id = n3.createKey(vault, "own-" + i, "AES_256");
      assertThat(n3.call("GET", "/v1/keys/" + id, null).status())
          .as("read back %s", i)
          .isEqualTo(200);
    }
    assertThat(n3.node().raft().entriesSentToLeader() - forwardedBefore).isPositive();
    // The leader's own writes go straight into its server.
    TestNode leader =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    java.util.stream.Stream.of(n1, n2, n3)
                        .filter(n -> n.node().raft().isLeader())
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
    long selfBefore = leader.node().raft().entriesSentAsLeader();
    leader.createKey(vault, "leaders-own", "AES_256");
    assertThat(leader.node().raft().entriesSentAsLeader() - selfBefore).isPositive();
    String key2 = n3.createKey(vault, "k2", "HMAC_SHA256");
    for (TestNode n : List.of(n1, n2, n3)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> n.call("GET", "/v1/keys/" + key2, null).status() == 200);
    }
    // Any node decrypts what any other encrypted.
    String ct =
        n2.call("POST", "/v1/keys/" + key + "/encrypt", "{\"plaintext\":\"aGk=\"}")
            .json()
            .get("ciphertext")
            .asText();
    var dec = n3.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + ct + "\"}");
    assertThat(dec.status()).isEqualTo(200);
    assertThat(dec.json().get("plaintext").asText()).isEqualTo("aGk=");

    // Disabling a key on one node makes it unusable on every node once applied there.
    assertThat(n1.call("POST", "/v1/keys/" + key + "/disable", null).status()).isEqualTo(200);
    for (TestNode n : List.of(n2, n3)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "KEY_NOT_ENABLED"
                      .equals(
                          n.call("POST", "/v1/keys/" + key + "/encrypt", "{\"plaintext\":\"aGk=\"}")
                              .code()));
      assertThat(n.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + ct + "\"}").code())
          .isEqualTo("KEY_NOT_ENABLED");
    }

    JsonNode status = n2.call("GET", "/v1/cluster", null).json();
    assertThat(status.get("nodes")).hasSize(3);
    long leaders = 0;
    for (JsonNode node : status.get("nodes")) {
      assertThat(node.get("state").asText()).as(node.toString()).isEqualTo("ACTIVE");
      if (node.get("role").asText().equals("LEADER")) {
        leaders++;
      }
      assertThat(node.get("lag").asLong()).isLessThan(1000);
    }
    assertThat(leaders).isEqualTo(1);

    // The audit trail is per node, and asking any node shows every node's records, each chained
    // on the node that served the request.
    String encryptedOnN2 =
        n2.call("POST", "/v1/keys/" + key2 + "/mac", "{\"message\":\"aGk=\"}").requestIdHeader();
    String encryptedOnN3 =
        n3.call("POST", "/v1/keys/" + key2 + "/mac", "{\"message\":\"aGk=\"}").requestIdHeader();
    JsonNode events = n1.call("GET", "/v1/audit-events?keyId=" + key2 + "&limit=1000", null).json();
    java.util.Map<String, String> nodeOf = new java.util.HashMap<>();
    events
        .get("items")
        .forEach(e -> nodeOf.put(e.get("requestId").asText(), e.get("node").asText()));
    assertThat(nodeOf).containsEntry(encryptedOnN2, "node2").containsEntry(encryptedOnN3, "node3");
    assertThat(events.has("unreachableNodes")).isFalse();
  }

  @Test
  void writesPendingOnALeaderThatHandsOverLeadershipAreAppliedOnce() throws Exception {
    Three cluster = threeNodes();
    String vault = cluster.vault();
    List<TestNode> all = List.of(cluster.n1(), cluster.n2(), cluster.n3());

    // Writers create keys of their own names through every node, while leadership moves from
    // member to member, until some leader has had to send a pending entry again.
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.Map<Integer, java.util.concurrent.atomic.AtomicInteger> statuses =
        new java.util.concurrent.ConcurrentHashMap<>();
    List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.ExecutorService writers =
        java.util.concurrent.Executors.newFixedThreadPool(12);
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (int w = 0; w < 12; w++) {
      TestNode via = all.get(w % 3);
      int writer = w;
      running.add(
          writers.submit(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  String name = "w" + writer + "-" + i;
                  TestNode.Response r =
                      via.call(
                          "POST",
                          "/v1/keys",
                          TestNode.json("vaultId", vault, "name", name, "algorithm", "AES_256"));
                  statuses
                      .computeIfAbsent(
                          r.status(), s -> new java.util.concurrent.atomic.AtomicInteger())
                      .incrementAndGet();
                  if (r.status() == 201) {
                    created.add(name);
                  }
                }
                return null;
              }));
    }
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                TestNode leader =
                    all.stream().filter(n -> n.node().raft().isLeader()).findFirst().orElse(null);
                if (leader != null) {
                  TestNode next = all.get((all.indexOf(leader) + 1) % 3);
                  try {
                    leader
                        .node()
                        .raft()
                        .transferLeadership(
                            next.node().identity().name(), leader.node().identity().name());
                  } catch (ClavisException e) {
                    // a transfer that did not complete: the next poll asks again
                  }
                }
                return all.stream().mapToLong(n -> n.node().raft().entriesResent()).sum() > 0;
              });
    } finally {
      stop.set(true);
      writers.shutdown();
    }
    for (var f : running) {
      f.get();
    }

    // An entry its leader had to send again (mostly one refused while that leader stepped down)
    // still commits, and none is applied twice: no creation of a fresh name is refused as taken.
    // A write may fail while no leader is known (503), never otherwise.
    assertThat(statuses.keySet()).as("%s", statuses).containsAnyOf(201).doesNotContain(409, 500);
    assertThat(statuses.keySet()).as("%s", statuses).isSubsetOf(201, 503);
    assertThat(created).doesNotHaveDuplicates();
  }

  @Test
  void rolesChangeAndNodesAreRemovedWithoutStoppingService() throws Exception {
    Three cluster = threeNodes();
    TestNode n1 = cluster.n1();
    TestNode n2 = cluster.n2();
    TestNode n3 = cluster.n3();
    String vault = cluster.vault();

    var listener = n2.call("POST", "/v1/cluster/members/node3/role", "{\"role\":\"LISTENER\"}");
    assertThat(listener.status()).as(listener.toString()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> roleOf(n1, "node3").equals("LISTENER"));
    assertThat(n2.call("POST", "/v1/cluster/members/node3/role", "{\"role\":\"BOSS\"}").status())
        .isEqualTo(400);
    assertThat(n2.call("POST", "/v1/cluster/members/nobody/role", "{\"role\":\"VOTER\"}").status())
        .isEqualTo(404);
    var toListener = n2.call("POST", "/v1/cluster/step-down", "{\"to\":\"node3\"}");
    assertThat(toListener.code()).as(toListener.toString()).isEqualTo("INVALID_STATE");
    n2.call("POST", "/v1/cluster/members/node3/role", "{\"role\":\"VOTER\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> !roleOf(n1, "node3").equals("LISTENER"));

    // Leadership moves on request, through any node, and is back where it was asked to be.
    String before = n1.call("GET", "/v1/cluster", null).json().get("leader").asText();
    var stepDown = n2.call("POST", "/v1/cluster/step-down", null);
    assertThat(stepDown.status()).as(stepDown.toString()).isEqualTo(200);
    String after = stepDown.json().get("leader").asText();
    assertThat(after).isNotEqualTo(before).isIn("node1", "node2", "node3");
    assertThat(roleOf(n2, after)).isEqualTo("LEADER");
    assertThat(n2.createKey(vault, "after-step-down", "AES_256")).isNotBlank();
    var back = n2.call("POST", "/v1/cluster/step-down", TestNode.json("to", before, "from", after));
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(back.json().get("leader").asText()).isEqualTo(before);
    // The same request again, as a client sends it to another node when an answer was lost:
    // "from" no longer leads, so nothing moves.
    var again = n3.call("POST", "/v1/cluster/step-down", TestNode.json("from", after));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().get("leader").asText()).isEqualTo(before);
    assertThat(n2.call("POST", "/v1/cluster/step-down", "{\"to\":\"nobody\"}").status())
        .isEqualTo(404);

    assertThat(n1.call("DELETE", "/v1/cluster/members/node3", null).status()).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> n1.call("GET", "/v1/cluster", null).json().get("nodes").size() == 2);
    assertThat(n2.createKey(vault, "after-removal", "AES_256")).isNotBlank();
    assertThat(n1.call("DELETE", "/v1/cluster/members/node3", null).status()).isEqualTo(404);
    // A replacement needs a new name: the removed one is refused clearly, not left hanging.
    var reuse =
        n1.call(
            "POST",
            "/v1/cluster/candidates",
            "{\"name\":\"node3\",\"apiAddress\":\"https://127.0.0.1:1\","
                + "\"clusterAddress\":\"127.0.0.1:2\",\"fingerprint\":\""
                + "AA:".repeat(31)
                + "AA\"}");
    assertThat(reuse.status()).isEqualTo(409);
    assertThat(reuse.code()).isEqualTo("NAME_TAKEN");
  }

  private static String roleOf(TestNode n, String name) throws Exception {
    for (JsonNode node : n.call("GET", "/v1/cluster", null).json().get("nodes")) {
      if (node.get("name").asText().equals(name)) {
        return node.get("role").asText();
      }
    }
    return "ABSENT";
  }

  @Test
  void aNodeWithoutQuorumIsReadOnlyAndRecoversWhenTheQuorumReturns() throws Exception {
    TestNode n1 = new TestNode(dir.resolve("node1"), c -> c.withNodeName("node1"));
    nodes.add(n1);
    String token = n1.initialize(PASS);
    String vault = n1.createVault("v");
    String key = n1.createKey(vault, "k", "AES_256");
    String caFingerprint = n1.call("GET", "/v1/cluster", null).json().get("caFingerprint").asText();
    TestNode n2 = join(n1, "node2", caFingerprint, token);
    TestNode n3 = join(n1, "node3", caFingerprint, token);
    String ct =
        n1.call("POST", "/v1/keys/" + key + "/encrypt", "{\"plaintext\":\"AQI=\"}")
            .json()
            .get("ciphertext")
            .asText();

    // Two of three voters gone: the survivor keeps serving crypto but refuses writes.
    n2.stop();
    n3.stop();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "READ_ONLY"
                    .equals(n1.call("GET", "/v1/sys/health", null).json().get("mode").asText()));
    assertThat(n1.call("GET", "/v1/sys/health", null).status()).isEqualTo(200);
    assertThat(n1.call("GET", "/v1/sys/health?writable=true", null).status()).isEqualTo(503);
    long start = System.nanoTime();
    var write = n1.call("POST", "/v1/vaults", "{\"name\":\"refused\"}");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(write.status()).isEqualTo(503);
    assertThat(write.code()).isEqualTo("READ_ONLY");
    assertThat(elapsedMs).as("a write without quorum fails fast, never hangs").isLessThan(10_000);
    var dec = n1.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + ct + "\"}");
    assertThat(dec.status()).isEqualTo(200);
    assertThat(n1.call("POST", "/v1/keys/" + key + "/encrypt", "{\"plaintext\":\"AQI=\"}").status())
        .isEqualTo(200);

    // One voter back: the quorum returns and so do writes, by themselves.
    n2.start();
    n2.call("POST", "/v1/sys/unseal", "{\"passphrase\":\"" + PASS + "\"}", null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "ACTIVE"
                    .equals(n1.call("GET", "/v1/sys/health", null).json().get("mode").asText()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> n1.call("POST", "/v1/vaults", "{\"name\":\"accepted\"}").status() == 201);
  }

  @Test
  void aNodeJoiningAfterTheLogWasCompactedReceivesASnapshot() throws Exception {
    TestNode n1 =
        new TestNode(dir.resolve("node1"), c -> c.withNodeName("node1").withSnapshotThreshold(10));
    nodes.add(n1);
    String token = n1.initialize(PASS);
    String vault = n1.createVault("v");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      keys.add(n1.createKey(vault, "k" + i, "AES_128"));
    }
    String caFingerprint = n1.call("GET", "/v1/cluster", null).json().get("caFingerprint").asText();
    TestNode n2 = join(n1, "node2", caFingerprint, token);
    // Joined means admitted; the snapshot may still be installing.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> n2.call("GET", "/v1/keys/" + keys.get(keys.size() - 1), null).status() == 200);
    for (String k : keys) {
      assertThat(n2.call("GET", "/v1/keys/" + k, null).status()).isEqualTo(200);
    }
    // node2 takes snapshots only every 10,000 entries: a snapshot in its directory was installed.
    try (var walk = java.nio.file.Files.walk(dir.resolve("node2").resolve("raft"))) {
      assertThat(walk.map(Path::toString).filter(p -> p.matches(".*/sm/snapshots/\\d+_\\d+")))
          .isNotEmpty();
    }
    // And it keeps applying the log after the snapshot.
    String later = n2.createKey(vault, "later", "AES_256");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> n1.call("GET", "/v1/keys/" + later, null).status() == 200);
  }

  @Test
  void refusesWrongFingerprintsVersionsAndSkewedClocks() throws Exception {
    TestNode n1 =
        new TestNode(
            dir.resolve("node1"),
            c -> c.withNodeName("node1").toBuilder().maxClockSkewMs(2000).build());
    nodes.add(n1);
    n1.initialize(PASS);
    String caFingerprint = n1.call("GET", "/v1/cluster", null).json().get("caFingerprint").asText();
    URI controller = n1.node().apiUri();

    // Unknown candidate: refused, and told the fingerprint to add.
    Path d2 = dir.resolve("node2");
    JoinClient.Candidate c2 = candidate("node2");
    assertThatThrownBy(() -> JoinClient.join(d2, controller, caFingerprint, c2, ClavisNode.VERSION))
        .isInstanceOf(ClavisException.class)
        .hasMessageContaining(JoinClient.fingerprint(d2, c2))
        .extracting(e -> ((ClavisException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);

    // Announced with another fingerprint: refused.
    addCandidate(n1, c2, "AA:".repeat(31) + "AA");
    assertThatThrownBy(() -> JoinClient.join(d2, controller, caFingerprint, c2, ClavisNode.VERSION))
        .extracting(e -> ((ClavisException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);

    addCandidate(n1, c2, JoinClient.fingerprint(d2, c2));
    // Another major.minor version: refused.
    assertThatThrownBy(() -> JoinClient.join(d2, controller, caFingerprint, c2, "99.1.0"))
        .hasMessageContaining("version")
        .extracting(e -> ((ClavisException) e).code())
        .isEqualTo(ErrorCode.JOIN_REFUSED);
    // A clock 10 s off: refused.
    assertThatThrownBy(
            () ->
                JoinClient.join(
                    d2,
                    controller,
                    caFingerprint,
                    c2,
                    ClavisNode.VERSION,
                    () -> System.currentTimeMillis() + 10_000))
        .hasMessageContaining("clock")
        .extracting(e -> ((ClavisException) e).code())
        .isEqualTo(ErrorCode.JOIN_REFUSED);
    // A controller whose CA is not the pinned one: the TLS handshake fails, nothing is sent.
    assertThatThrownBy(
            () -> JoinClient.join(d2, controller, "BB:".repeat(31) + "BB", c2, ClavisNode.VERSION))
        .extracting(e -> ((ClavisException) e).code())
        .isEqualTo(ErrorCode.UNAVAILABLE);
    // And with everything right, it joins.
    JoinClient.Joined joined =
        JoinClient.join(d2, controller, caFingerprint, c2, ClavisNode.VERSION);
    assertThat(joined.members()).extracting(p -> p.name()).contains("node1", "node2");
  }

  private TestNode join(TestNode controller, String name, String caFingerprint, String token)
      throws Exception {
    Path data = dir.resolve(name);
    JoinClient.Candidate c = candidate(name);
    addCandidate(controller, c, JoinClient.fingerprint(data, c));
    JoinClient.join(data, controller.node().apiUri(), caFingerprint, c, ClavisNode.VERSION);
    TestNode n = new TestNode(data);
    nodes.add(n);
    n.useToken(token);
    // Activation, then the seal arrives through the log or a snapshot; then unseal.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                n.call("GET", "/v1/sys/seal-status", null)
                    .json()
                    .path("initialized")
                    .asBoolean(false));
    assertThat(n.call("POST", "/v1/sys/unseal", "{\"passphrase\":\"" + PASS + "\"}", null).status())
        .isEqualTo(200);
    return n;
  }

  /** A founding node with a vault "v", and two nodes that joined it. */
  private record Three(TestNode n1, TestNode n2, TestNode n3, String vault) {}

  private Three threeNodes() throws Exception {
    TestNode n1 = new TestNode(dir.resolve("node1"), c -> c.withNodeName("node1"));
    nodes.add(n1);
    String token = n1.initialize(PASS);
    String vault = n1.createVault("v");
    String caFingerprint = n1.call("GET", "/v1/cluster", null).json().get("caFingerprint").asText();
    TestNode n2 = join(n1, "node2", caFingerprint, token);
    TestNode n3 = join(n1, "node3", caFingerprint, token);
    return new Three(n1, n2, n3, vault);
  }

  private static void addCandidate(TestNode controller, JoinClient.Candidate c, String fp)
      throws Exception {
    var r =
        controller.call(
            "POST",
            "/v1/cluster/candidates",
            "{\"name\":\""
                + c.name()
                + "\",\"apiAddress\":\"https://127.0.0.1:"
                + c.apiPort()
                + "\",\"clusterAddress\":\"127.0.0.1:"
                + c.clusterPort()
                + "\",\"fingerprint\":\""
                + fp
                + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static JoinClient.Candidate candidate(String name) throws Exception {
    return new JoinClient.Candidate(name, "127.0.0.1", freePort(), freePort(), freePort());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
