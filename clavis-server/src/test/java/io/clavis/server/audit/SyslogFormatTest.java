package io.clavis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogFormatTest {
  private static final Instant TIME = Instant.parse("2026-11-23T07:00:00.123456Z");
  private static final String H = "c".repeat(64);

  private static AuditRecord record(
      String principal,
      String operation,
      Map<String, String> resources,
      String result,
      String code) {
    AuditEvent e =
        new AuditEvent(
            TIME,
            principal,
            "user_x",
            "token",
            "127.0.0.1",
            "rest",
            operation,
            resources,
            result,
            code,
            "abc",
            310,
            "clavis-cli/0.1.0");
    return new AuditRecord(12, "n1", e, LineHash.ZERO, H);
  }

  @Test
  void allowedIsInformational() {
    AuditRecord r =
        record(
            "alice",
            "key.encrypt",
            Map.of("vaultId", "vault_1", "keyId", "key_abc"),
            AuditEvent.ALLOWED,
            null);

    assertThat(SyslogFormat.format(r, "host1"))
        .isEqualTo(
            "<110>1 2026-11-23T07:00:00.123456Z host1 clavis - AUDIT [clavis@32473 seq=\"12\""
                + " node=\"n1\" principal=\"alice\" operation=\"key.encrypt\" result=\"allowed\""
                + " code=\"-\" requestId=\"abc\" protocol=\"rest\" clientAddress=\"127.0.0.1\""
                + " durationMicros=\"310\" principalId=\"user_x\" authMethod=\"token\""
                + " userAgent=\"clavis-cli/0.1.0\" keyId=\"key_abc\" vaultId=\"vault_1\"]"
                + " alice key.encrypt allowed");
  }

  @Test
  void deniedIsANoticeAndAMissingHostnameIsTheNilValue() {
    AuditRecord r =
        record(
            "alice",
            "key.decrypt",
            Map.of("keyId", "key_abc"),
            AuditEvent.DENIED,
            "permission_denied");

    assertThat(SyslogFormat.format(r, null))
        .isEqualTo(
            "<109>1 2026-11-23T07:00:00.123456Z - clavis - AUDIT [clavis@32473 seq=\"12\""
                + " node=\"n1\" principal=\"alice\" operation=\"key.decrypt\" result=\"denied\""
                + " code=\"permission_denied\" requestId=\"abc\" protocol=\"rest\""
                + " clientAddress=\"127.0.0.1\" durationMicros=\"310\" principalId=\"user_x\""
                + " authMethod=\"token\" userAgent=\"clavis-cli/0.1.0\" keyId=\"key_abc\"]"
                + " alice key.decrypt denied (permission_denied)");
  }

  @Test
  void failedIsAWarningAndValuesAndNamesAreEscaped() {
    AuditRecord r =
        record(
            "ev\"il\\ ]x\nforged",
            "key.create",
            Map.of(
                "bad name=]\"x",
                "v]\"\\",
                "seq",
                "99",
                "a-very-long-resource-name-that-goes-on-and-on",
                "1"),
            AuditEvent.FAILED,
            "internal");

    assertThat(SyslogFormat.format(r, "my host\n"))
        .isEqualTo(
            "<108>1 2026-11-23T07:00:00.123456Z myhost clavis - AUDIT [clavis@32473 seq=\"12\""
                + " node=\"n1\" principal=\"ev\\\"il\\\\ \\]x\\u000aforged\""
                + " operation=\"key.create\" result=\"failed\" code=\"internal\""
                + " requestId=\"abc\" protocol=\"rest\" clientAddress=\"127.0.0.1\""
                + " durationMicros=\"310\" principalId=\"user_x\" authMethod=\"token\""
                + " userAgent=\"clavis-cli/0.1.0\""
                + " a-very-long-resource-name-that-g=\"1\""
                + " bad_name___x=\"v\\]\\\"\\\\\"]"
                + " ev\"il\\ ]x\\u000aforged key.create failed (internal)");
  }

  @Test
  void missingValuesAreDashes() {
    AuditEvent e =
        new AuditEvent(
            TIME,
            null,
            null,
            null,
            null,
            null,
            "sys.health",
            null,
            AuditEvent.ALLOWED,
            null,
            null,
            0,
            null);
    AuditRecord r = new AuditRecord(1, "n1", e, LineHash.ZERO, H);

    assertThat(SyslogFormat.format(r, ""))
        .isEqualTo(
            "<110>1 2026-11-23T07:00:00.123456Z - clavis - AUDIT [clavis@32473 seq=\"1\""
                + " node=\"n1\" principal=\"-\" operation=\"sys.health\" result=\"allowed\""
                + " code=\"-\" requestId=\"-\" protocol=\"-\" clientAddress=\"-\""
                + " durationMicros=\"0\" principalId=\"-\" authMethod=\"-\" userAgent=\"-\"]"
                + " - sys.health allowed");
  }

  @Test
  void paramNamesAreSanitised() {
    assertThat(SyslogFormat.paramName("keyId")).isEqualTo("keyId");
    assertThat(SyslogFormat.paramName("a b=c]d\"e\u00e9")).isEqualTo("a_b_c_d_e_");
    assertThat(SyslogFormat.paramName("x".repeat(40))).hasSize(32);
    assertThat(SyslogFormat.paramName("")).isNull();
  }

  @Test
  void jsonLineIsTheStoredLine(@TempDir Path dir) throws Exception {
    AuditRecord written = AuditFixtures.writeLog(dir, "n1", 1, 1 << 20).getFirst();
    String stored = AuditFixtures.lines(AuditFixtures.segments(dir).getFirst()).getFirst();

    assertThat(SyslogFormat.jsonLine(written)).isEqualTo(stored);
  }
}
