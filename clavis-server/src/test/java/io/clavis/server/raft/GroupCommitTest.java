package io.clavis.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.error.ErrorCode;
import io.clavis.server.testing.TestNode;
import io.clavis.server.vault.Compartment;
import io.clavis.server.vault.CreateCompartmentCommand;
import io.clavis.server.vault.CreateVaultCommand;
import io.clavis.server.vault.DeleteCompartmentCommand;
import io.clavis.server.vault.Vault;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that share a log entry behave as if applied one by one: names stay unique within the
 * entry, a rejected command leaves the others in place, reads and scans see the earlier commands of
 * the entry, and every caller gets its own answer.
 */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void commandsInOneEntryApplyOneByOne() throws Exception {
    try (TestNode n = new TestNode(dir)) {
      n.initialize("group-commit-passphrase");
      Instant now = Instant.parse("2026-11-23T12:00:00Z");
      Compartment team = new Compartment("cmp_team", "team", Compartment.TENANCY, now, "test");
      List<CommandReply> replies =
          n.node()
              .raft()
              .submitTogether(
                  List.of(
                      new CreateCompartmentCommand(team),
                      vault("v1", "dup", team.id(), now),
                      vault("v2", "dup", team.id(), now), // same name as the one before it
                      vault("v3", "elsewhere", "cmp_missing", now),
                      // the scan for vaults sees v1, written by this entry
                      new DeleteCompartmentCommand(team.id()),
                      vault("v4", "other", team.id(), now)));
      assertThat(replies).hasSize(6);
      assertThat(replies.get(0).errorCode()).isNull();
      assertThat(replies.get(1).errorCode()).isNull();
      assertThat(replies.get(1).resultAs(Vault.class).id()).isEqualTo("v1");
      assertThat(replies.get(2).errorCode()).isEqualTo(ErrorCode.NAME_TAKEN);
      assertThat(replies.get(3).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(replies.get(4).errorCode()).isEqualTo(ErrorCode.INVALID_STATE);
      assertThat(replies.get(5).resultAs(Vault.class).id()).isEqualTo("v4");

      assertThat(n.call("GET", "/v1/vaults/v1", null).text("name")).isEqualTo("dup");
      assertThat(n.call("GET", "/v1/vaults/v2", null).status()).isEqualTo(404);
      assertThat(n.call("GET", "/v1/vaults/v3", null).status()).isEqualTo(404);
      assertThat(n.call("GET", "/v1/vaults/v4", null).text("name")).isEqualTo("other");
      assertThat(n.call("GET", "/v1/compartments/cmp_team", null).status()).isEqualTo(200);
    }
  }

  @Test
  void concurrentCreatesKeepNamesUniqueAndTheirOwnAnswers() throws Exception {
    try (TestNode n = new TestNode(dir)) {
      n.initialize("group-commit-passphrase");
      String vault = n.createVault("gc");
      int callers = 48;
      int distinctNames = 12; // four callers ask for each name: one wins, three get 409
      Map<String, List<Integer>> statusByName = new ConcurrentHashMap<>();
      List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          String name = "k" + (i % distinctNames);
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    var r =
                        n.call(
                            "POST",
                            "/v1/keys",
                            TestNode.json("vaultId", vault, "name", name, "algorithm", "AES_256"));
                    statusByName
                        .computeIfAbsent(
                            name, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(r.status());
                    if (r.status() == 201) {
                      assertThat(r.json().get("name").asText()).isEqualTo(name);
                      created.add(r.json().get("id").asText());
                    } else {
                      assertThat(r.code()).isEqualTo("NAME_TAKEN");
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(statusByName).hasSize(distinctNames);
      statusByName.forEach(
          (name, statuses) ->
              assertThat(statuses).as(name).containsExactlyInAnyOrder(201, 409, 409, 409));
      assertThat(created).hasSize(distinctNames).doesNotHaveDuplicates();
      for (String id : created) {
        assertThat(n.call("GET", "/v1/keys/" + id, null).status()).isEqualTo(200);
      }
    }
  }

  private static CreateVaultCommand vault(String id, String name, String compartment, Instant at) {
    return new CreateVaultCommand(new Vault(id, name, compartment, Vault.SOFTWARE, at, "test"));
  }
}
