package io.clavis.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.cluster.JoinClient;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.node.ClavisNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency and durability contract under real faults: separate node JVMs on loopback, mutual
 * TLS, real disks, SIGKILL and SIGSTOP. Each test records the writes acknowledged under load and
 * checks every one of them is on every node afterwards.
 */
class ClusterFaultTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void killingTheLeaderUnderLoadLosesNoAcknowledgedWrite() throws Exception {
    try (ClusterHarness cluster = new ClusterHarness(dir)) {
      ClusterHarness.Node n1 = cluster.found();
      cluster.join("node2", n1);
      cluster.join("node3", n1);
      String vault = vault(n1, "kill-leader");
      try (WriteHistory history = new WriteHistory(cluster, vault, 4)) {
        history.awaitMore(30);
        ClusterHarness.Node leader = cluster.leader();
        long killedAt = System.nanoTime();
        leader.kill9();
        history.awaitMore(30);
        long resumedMs = (history.firstAckAfter(killedAt) - killedAt) / 1_000_000;
        System.out.println("writes resumed " + resumedMs + " ms after the leader was killed");
        leader.start();
        history.awaitMore(10);
        history.close();
        history.assertAllAcknowledgedEverywhere();
      }
    }
  }

  @Test
  void pausedAndMinorityNodesBehaveAndCatchUpBySnapshot() throws Exception {
    try (ClusterHarness cluster = new ClusterHarness(dir, "--snapshot-threshold", "50")) {
      ClusterHarness.Node n1 = cluster.found();
      ClusterHarness.Node n2 = cluster.join("node2", n1);
      ClusterHarness.Node n3 = cluster.join("node3", n1);
      String vault = vault(n1, "minority");
      String key = key(n1, vault, "crypto");
      String ct =
          n1.call("POST", "/v1/keys/" + key + "/encrypt", "{\"plaintext\":\"AQID\"}")
              .json()
              .get("ciphertext")
              .asText();

      // A paused node does not stop the majority; resumed, it catches up.
      n3.signal("STOP");
      String whilePaused = key(n1, vault, "while-paused");
      n3.signal("CONT");
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> n3.call("GET", "/v1/keys/" + whilePaused, null).status() == 200);

      // Two of three down: the survivor serves crypto and refuses writes fast with READ_ONLY.
      n2.kill9();
      n3.kill9();
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  "READ_ONLY"
                      .equals(n1.call("GET", "/v1/sys/health", null).json().get("mode").asText()));
      long start = System.nanoTime();
      var refused = n1.call("POST", "/v1/vaults", "{\"name\":\"no-quorum\"}");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.code()).isEqualTo("READ_ONLY");
      assertThat((System.nanoTime() - start) / 1_000_000).as("fails fast").isLessThan(10_000);
      assertThat(n1.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + ct + "\"}").status())
          .isEqualTo(200);

      // Quorum back with node2; many writes while node3 is down compact the log past it.
      n2.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> n1.call("POST", "/v1/vaults", "{\"name\":\"quorum-back\"}").status() == 201);
      try (WriteHistory history = new WriteHistory(cluster, vault, 4)) {
        history.awaitMore(150);
        n3.start(); // behind the compacted log: it must receive a snapshot
        history.awaitMore(20);
        history.close();
        history.assertAllAcknowledgedEverywhere();
      }
    }
  }

  @Test
  void nodesJoinUnderLoadAndANodeIsRemoved() throws Exception {
    try (ClusterHarness cluster = new ClusterHarness(dir)) {
      ClusterHarness.Node n1 = cluster.found();
      cluster.join("node2", n1);
      ClusterHarness.Node n3 = cluster.join("node3", n1);
      String vault = vault(n1, "grow");
      try (WriteHistory history = new WriteHistory(cluster, vault, 3)) {
        history.awaitMore(20);
        cluster.join("node4", n3);
        history.awaitMore(10);
        cluster.join("node5", n1);
        history.awaitMore(10);
        JsonNode status = n1.call("GET", "/v1/cluster", null).json();
        assertThat(status.get("nodes")).hasSize(5);
        var removed = n1.call("DELETE", "/v1/cluster/members/node4", null);
        assertThat(removed.status()).isEqualTo(204);
        cluster.node("node4").kill9();
        history.awaitMore(10);
        history.close();
        history.assertAllAcknowledgedEverywhere();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> n1.call("GET", "/v1/cluster", null).json().get("nodes").size() == 4);
    }
  }

  @Test
  void theSixthNodeJoinsAsAListenerThatServesAndForwards() throws Exception {
    try (ClusterHarness cluster = new ClusterHarness(dir)) {
      ClusterHarness.Node n1 = cluster.found();
      for (int i = 2; i <= 6; i++) {
        cluster.join("node" + i, n1);
      }
      ClusterHarness.Node n6 = cluster.node("node6");
      JsonNode status = n6.call("GET", "/v1/cluster", null).json();
      int voters = 0;
      for (JsonNode node : status.get("nodes")) {
        String role = node.get("role").asText();
        if (node.get("name").asText().equals("node6")) {
          assertThat(role).isEqualTo("LISTENER");
        } else {
          assertThat(role).isIn("LEADER", "FOLLOWER");
          voters++;
        }
      }
      assertThat(voters).isEqualTo(5);
      // A listener serves reads and forwards writes; losing it costs the voters nothing.
      String vault = vault(n6, "from-listener");
      String key = key(n6, vault, "k");
      assertThat(n1.call("GET", "/v1/keys/" + key, null).status()).isEqualTo(200);
      n6.kill9();
      assertThat(key(n1, vault, "after-listener")).isNotBlank();
    }
  }

  @Test
  void candidatesWithAWrongCertificateVersionOrClockAreRefused() throws Exception {
    try (ClusterHarness cluster = new ClusterHarness(dir)) {
      ClusterHarness.Node n1 = cluster.found();
      String caFingerprint =
          n1.call("GET", "/v1/cluster", null).json().get("caFingerprint").asText();
      URI controller = URI.create(n1.api);
      Path data = dir.resolve("candidate");
      JoinClient.Candidate c =
          new JoinClient.Candidate(
              "node2",
              "127.0.0.1",
              ClusterHarness.freePort(),
              ClusterHarness.freePort(),
              ClusterHarness.freePort());

      announce(n1, c, "AA:".repeat(31) + "AA");
      assertRefused(
          () -> JoinClient.join(data, controller, caFingerprint, c, ClavisNode.VERSION),
          ErrorCode.FORBIDDEN);

      announce(n1, c, JoinClient.fingerprint(data, c));
      assertRefused(
          () -> JoinClient.join(data, controller, caFingerprint, c, "99.0.0"),
          ErrorCode.JOIN_REFUSED);
      assertRefused(
          () ->
              JoinClient.join(
                  data,
                  controller,
                  caFingerprint,
                  c,
                  ClavisNode.VERSION,
                  () -> System.currentTimeMillis() - 10_000),
          ErrorCode.JOIN_REFUSED);
      assertRefused(
          () -> JoinClient.join(data, controller, "BB:".repeat(31) + "BB", c, ClavisNode.VERSION),
          ErrorCode.UNAVAILABLE);

      // Nothing was admitted: the cluster is still its founder alone.
      JsonNode status = n1.call("GET", "/v1/cluster", null).json();
      assertThat(status.get("nodes")).hasSize(2); // node1 and the announced, never joined node2
      for (JsonNode node : status.get("nodes")) {
        if (node.get("name").asText().equals("node2")) {
          assertThat(node.get("role").asText()).isEqualTo("CANDIDATE");
        }
      }
    }
  }

  private static void announce(ClusterHarness.Node via, JoinClient.Candidate c, String fingerprint)
      throws Exception {
    var r =
        via.call(
            "POST",
            "/v1/cluster/candidates",
            "{\"name\":\""
                + c.name()
                + "\",\"apiAddress\":\"https://127.0.0.1:"
                + c.apiPort()
                + "\",\"clusterAddress\":\"127.0.0.1:"
                + c.clusterPort()
                + "\",\"fingerprint\":\""
                + fingerprint
                + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable join, ErrorCode expected) {
    assertThatThrownBy(join)
        .isInstanceOf(ClavisException.class)
        .extracting(e -> ((ClavisException) e).code())
        .isEqualTo(expected);
  }

  private static String vault(ClusterHarness.Node n, String name) throws Exception {
    return n.call("POST", "/v1/vaults", "{\"name\":\"" + name + "\"}").json().get("id").asText();
  }

  private static String key(ClusterHarness.Node n, String vault, String name) throws Exception {
    var r =
        n.call(
            "POST",
            "/v1/keys",
            "{\"vaultId\":\"" + vault + "\",\"name\":\"" + name + "\",\"algorithm\":\"AES_256\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }
}
