package io.clavis.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's periodic work: scheduled rotation and destruction after the pending period. */
class MaintenanceTest {
  @TempDir Path dir;

  @Test
  void rotatesDueKeysAndDestroysKeysWhosePendingPeriodIsOver() throws Exception {
    try (TestNode n = new TestNode(dir)) {
      n.initialize("maintenance-pass");
      String vault = n.call("POST", "/v1/vaults", "{\"name\":\"m\"}").json().get("id").asText();
      String rotating = createKey(n, vault, "rotating", ", \"rotationPeriodDays\": 1");
      String steady = createKey(n, vault, "steady", "");
      String doomed = createKey(n, vault, "doomed", "");
      String ciphertext =
          n.call("POST", "/v1/keys/" + doomed + "/encrypt", "{\"plaintext\":\"AA==\"}")
              .json()
              .get("ciphertext")
              .asText();
      var scheduled =
          n.call("POST", "/v1/keys/" + doomed + "/schedule-deletion", "{\"pendingDays\":7}");
      assertThat(scheduled.json().get("state").asText()).isEqualTo("PENDING_DELETION");
      Instant deletionTime = Instant.parse(scheduled.json().get("deletionTime").asText());

      // Not yet due: nothing changes.
      n.node().keys().runMaintenance(Instant.now());
      assertThat(version(n, rotating)).isEqualTo(1);
      assertThat(state(n, doomed)).isEqualTo("PENDING_DELETION");

      // Two days on: the rotating key rotates, the other does not; the doomed key is not due.
      n.node().keys().runMaintenance(Instant.now().plus(Duration.ofDays(2)));
      assertThat(version(n, rotating)).isEqualTo(2);
      assertThat(version(n, steady)).isEqualTo(1);
      assertThat(state(n, doomed)).isEqualTo("PENDING_DELETION");

      // Past the deletion time: destroyed, and its ciphertexts refuse clearly.
      n.node().keys().runMaintenance(deletionTime.plusSeconds(1));
      assertThat(state(n, doomed)).isEqualTo("DESTROYED");
      var dec = n.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + ciphertext + "\"}");
      assertThat(dec.status()).isEqualTo(409);
      assertThat(dec.code()).isEqualTo("KEY_NOT_ENABLED");
      var cancel = n.call("POST", "/v1/keys/" + doomed + "/cancel-deletion", null);
      assertThat(cancel.status()).isEqualTo(409);
    }
  }

  private static String createKey(TestNode n, String vault, String name, String extra)
      throws Exception {
    var r =
        n.call(
            "POST",
            "/v1/keys",
            "{\"vaultId\":\""
                + vault
                + "\",\"name\":\""
                + name
                + "\",\"algorithm\":\"AES_256\""
                + extra
                + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static int version(TestNode n, String key) throws Exception {
    return n.call("GET", "/v1/keys/" + key, null).json().get("currentVersion").asInt();
  }

  private static String state(TestNode n, String key) throws Exception {
    return n.call("GET", "/v1/keys/" + key, null).json().get("state").asText();
  }
}
