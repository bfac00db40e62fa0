package io.clavis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  private static AuditEvent withResources(Map<String, String> resources) {
    return new AuditEvent(
        Instant.EPOCH,
        null,
        null,
        null,
        null,
        null,
        "key.list",
        resources,
        AuditEvent.ALLOWED,
        null,
        null,
        0,
        null);
  }

  @Test
  void nullResourcesBecomeAnEmptyMap() {
    assertThat(withResources(null).resources()).isNotNull().isEmpty();
  }

  @Test
  void resourcesAreCopiedSortedAndUnmodifiable() {
    Map<String, String> given = new HashMap<>(Map.of("vaultId", "v", "keyId", "k", "alias", "a"));
    AuditEvent e = withResources(given);
    given.put("late", "x");

    assertThat(List.copyOf(e.resources().keySet())).containsExactly("alias", "keyId", "vaultId");
    assertThatThrownBy(() -> e.resources().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void timeIsTruncatedToTheMicrosecondsTheLineHolds() {
    AuditEvent e =
        new AuditEvent(
            Instant.parse("2026-11-23T07:00:00.123456789Z"),
            null,
            null,
            null,
            null,
            null,
            "key.list",
            null,
            AuditEvent.DENIED,
            null,
            null,
            0,
            null);
    assertThat(e.time()).isEqualTo(Instant.parse("2026-11-23T07:00:00.123456Z"));
  }

  @Test
  void requiredFieldsAndResultAreChecked() {
    assertThatThrownBy(
            () ->
                new AuditEvent(
                    null, null, null, null, null, null, "op", null, "allowed", null, null, 0, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                new AuditEvent(
                    Instant.EPOCH,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "allowed",
                    null,
                    null,
                    0,
                    null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                new AuditEvent(
                    Instant.EPOCH,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "op",
                    null,
                    "ok",
                    null,
                    null,
                    0,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ok");
  }
}
