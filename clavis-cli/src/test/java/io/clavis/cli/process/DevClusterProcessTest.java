package io.clavis.cli.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.client.ClavisClient;
import io.clavis.client.ClusterNode;
import io.clavis.client.ClusterStatus;
import io.clavis.client.CreateKeyRequest;
import io.clavis.client.DecryptResult;
import io.clavis.client.EncryptResult;
import io.clavis.client.Key;
import io.clavis.client.Vault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clavis dev --nodes 3}: three OS processes forming one cluster; any node serves any
 * request, and writes sent to a follower reach the others.
 */
class DevClusterProcessTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void threeNodesServeAnyRequestAndShareWrites() throws Exception {
    Path data = dir.resolve("cluster");
    List<Long> pids = new ArrayList<>();
    List<ClavisClient> clients = new ArrayList<>();
    try (NodeProcess dev = new NodeProcess(data)) {
      try {
        dev.startCluster(3, Duration.ofSeconds(300));
        JsonNode d = dev.devJson();
        d.get("nodes").forEach(n -> pids.add(n.get("pid").asLong()));
        assertThat(new HashSet<>(pids)).hasSize(3);
        assertThat(pids.get(0)).isEqualTo(dev.pid());
        List<String> names = new ArrayList<>();
        d.get("nodes").forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).containsExactly("node1", "node2", "node3");
        assertThat(d.get("api").asText()).isEqualTo(d.get("nodes").get(0).get("api").asText());
        assertThat(Path.of(d.get("nodes").get(2).get("data").asText()))
            .isEqualTo(data.toAbsolutePath().resolve("node3"));
        Path caCert = Path.of(d.get("caCert").asText());
        assertThat(caCert).isEqualTo(data.toAbsolutePath().resolve("node1/tls/ca.pem"));
        String token = d.get("token").asText();
        for (JsonNode n : d.get("nodes")) {
          clients.add(
              ClavisClient.builder()
                  .server(URI.create(n.get("api").asText()))
                  .token(token)
                  .caCertificate(caCert)
                  .requestTimeout(Duration.ofSeconds(20))
                  .build());
        }
        ClavisClient node1 = clients.get(0);
        ClavisClient node2 = clients.get(1);
        ClavisClient node3 = clients.get(2);

        // A key created through node1 (the first leader) ...
        Vault vault = node1.createVault("payments", null);
        Key key = node1.createKey(CreateKeyRequest.of(vault.id(), "k", "AES_256"));
        // ... encrypts on node3 once node3 has applied it: crypto is served locally ...
        AtomicReference<EncryptResult> encrypted = new AtomicReference<>();
        await()
            .atMost(CONVERGE)
            .ignoreExceptions()
            .untilAsserted(() -> encrypted.set(node3.encrypt(key.id(), "secret".getBytes(UTF_8))));
        // ... and what node3 encrypted, node2 decrypts.
        await()
            .atMost(CONVERGE)
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  DecryptResult r = node2.decrypt(encrypted.get().ciphertext(), null);
                  assertThat(r.plaintextAsString()).isEqualTo("secret");
                  assertThat(r.keyId()).isEqualTo(key.id());
                });

        // node2 sees three ACTIVE nodes, one of them the leader.
        await()
            .atMost(CONVERGE)
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  ClusterStatus s = node2.clusterStatus();
                  assertThat(s.nodes())
                      .extracting(ClusterNode::name)
                      .containsExactlyInAnyOrder("node1", "node2", "node3");
                  assertThat(s.nodes()).extracting(ClusterNode::state).containsOnly("ACTIVE");
                  assertThat(s.nodes().stream().filter(n -> n.role().equals("LEADER"))).hasSize(1);
                  assertThat(s.leader()).isIn("node1", "node2", "node3");
                  assertThat(s.caFingerprint()).isNotBlank();
                });

        // A write sent to node3 is forwarded to the leader and becomes readable on node1.
        Vault viaNode3 = node3.createVault("from-node3", null);
        await()
            .atMost(CONVERGE)
            .ignoreExceptions()
            .untilAsserted(
                () -> assertThat(node1.getVault(viaNode3.id()).name()).isEqualTo("from-node3"));
        Key keyViaNode3 = node3.createKey(CreateKeyRequest.of(viaNode3.id(), "k3", "AES_128"));
        await()
            .atMost(CONVERGE)
            .ignoreExceptions()
            .untilAsserted(() -> assertThat(node1.getKey(keyViaNode3.id()).name()).isEqualTo("k3"));

        // The operator hands leadership over with the CLI, to a named voter and to any.
        InProcessCli cli = InProcessCli.forNode(dev, token);
        String follower =
            node1.clusterStatus().nodes().stream()
                .filter(n -> n.role().equals("FOLLOWER"))
                .findFirst()
                .orElseThrow()
                .name();
        InProcessCli.Result named = cli.run("cluster", "step-down", "--to", follower, "-o", "json");
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(named.out())
                    .get("leader")
                    .asText())
            .isEqualTo(follower);
        InProcessCli.Result any = cli.run("cluster", "step-down");
        assertThat(any.exit()).as(any.err()).isZero();
        assertThat(any.out())
            .startsWith("Leadership moved from " + follower + " to node")
            .containsPattern("Leader: +node[123]\\n")
            .doesNotContain("Leader:          " + follower + "\n");
        String leader = node1.clusterStatus().leader();
        InProcessCli.Result same = cli.run("cluster", "step-down", "--to", leader);
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).startsWith("Leadership did not move: " + leader + " leads.\n");
        assertThat(node2.createVault("after-step-down", null).name()).isEqualTo("after-step-down");

        // The load generator, spread, reaches every node; otherwise only the first.
        List<String> apis = new ArrayList<>();
        d.get("nodes").forEach(n -> apis.add(n.get("api").asText()));
        String[] bench = {
          "bench",
          "--server",
          String.join(",", apis),
          "--op",
          "get",
          "--key",
          key.id(),
          "--concurrency",
          "6",
          "--duration",
          "1",
          "--warmup",
          "0",
          "-o",
          "json"
        };
        InProcessCli.Result one = cli.run(bench);
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(one.out()).get("byNode"))
            .hasSize(1);
        String[] spread = java.util.Arrays.copyOf(bench, bench.length + 1);
        spread[bench.length] = "--spread";
        InProcessCli.Result all = cli.run(spread);
        assertThat(all.exit()).as(all.err()).isZero();
        var byNode =
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(all.out()).get("byNode");
        assertThat(byNode.size()).as(all.out()).isEqualTo(3);
        assertThat(byNode.get("node1").asLong()).isPositive();
      } finally {
        clients.forEach(ClavisClient::close);
        // every node dev.json names, then (close) the dev process and anything else it started
        for (long pid : pids) {
          if (pid != ProcessHandle.current().pid() && pid != dev.pid()) {
            ProcessHandle.of(pid).ifPresent(NodeProcess::kill9);
          }
        }
      }
    }
  }
}
