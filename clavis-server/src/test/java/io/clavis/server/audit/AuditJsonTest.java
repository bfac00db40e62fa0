package io.clavis.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
  private static final String PREV = "ab".repeat(32);

  private static AuditEvent sample() {
    return new AuditEvent(
        Instant.parse("2026-11-23T07:00:00.123456Z"),
        "alice",
        "user_x",
        "token",
        "127.0.0.1",
        "rest",
        "key.encrypt",
        Map.of("keyId", "key_abc"),
        AuditEvent.ALLOWED,
        null,
        "abc",
        310,
        "clavis-cli/0.1.0");
  }

  private static AuditRecord chained(long seq, AuditEvent e, String prev) throws Exception {
    byte[] body = AuditJson.body(seq, "n1", e, prev).getBytes(StandardCharsets.UTF_8);
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    return new AuditRecord(seq, "n1", e, prev, hash);
  }

  @Test
  void lineHasTheDocumentedFieldsInTheDocumentedOrder() throws Exception {
    AuditRecord r = chained(12, sample(), PREV);

    assertThat(SyslogFormat.jsonLine(r))
        .isEqualTo(
            "{\"seq\":12,\"time\":\"2026-11-23T07:00:00.123456Z\",\"node\":\"n1\","
                + "\"principal\":\"alice\",\"principalId\":\"user_x\",\"authMethod\":\"token\","
                + "\"clientAddress\":\"127.0.0.1\",\"protocol\":\"rest\","
                + "\"operation\":\"key.encrypt\",\"resources\":{\"keyId\":\"key_abc\"},"
                + "\"result\":\"allowed\",\"code\":null,\"requestId\":\"abc\","
                + "\"durationMicros\":310,\"userAgent\":\"clavis-cli/0.1.0\","
                + "\"prevHash\":\""
                + PREV
                + "\",\"hash\":\""
                + r.hash()
                + "\"}");
  }

  @Test
  void lineHoldsExactlyTheGivenFieldsAndNothingElse() throws Exception {
    AuditRecord r = chained(3, sample(), PREV);
    JsonNode n = new ObjectMapper().readTree(SyslogFormat.jsonLine(r));

    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "seq",
            "time",
            "node",
            "principal",
            "principalId",
            "authMethod",
            "clientAddress",
            "protocol",
            "operation",
            "resources",
            "result",
            "code",
            "requestId",
            "durationMicros",
            "userAgent",
            "prevHash",
            "hash");
    assertThat(n.get("resources").size()).isEqualTo(1);
    assertThat(n.get("resources").get("keyId").asText()).isEqualTo("key_abc");
    assertThat(n.get("principal").asText()).isEqualTo("alice");
    assertThat(n.get("code").isNull()).isTrue();
    assertThat(n.get("durationMicros").asLong()).isEqualTo(310);
  }

  @Test
  void hashIsSha256OfTheBytesBeforeTheHashField() throws Exception {
    AuditRecord r = chained(1, sample(), LineHash.ZERO);
    String line = SyslogFormat.jsonLine(r);
    String prefix = line.substring(0, line.lastIndexOf(",\"hash\":\""));

    assertThat(prefix).endsWith("\"prevHash\":\"" + LineHash.ZERO + "\"");
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(prefix.getBytes(StandardCharsets.UTF_8));
    assertThat(r.hash()).isEqualTo(HexFormat.of().formatHex(digest));
    assertThat(LineHash.shapeProblem(line.getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(LineHash.matches(line.getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  private static AuditEvent withText(String text) {
    return new AuditEvent(
        Instant.parse("2026-01-01T00:00:00Z"),
        text,
        null,
        null,
        null,
        null,
        "key." + text,
        Map.of(text, text, "empty", ""),
        AuditEvent.FAILED,
        text,
        null,
        -1,
        null);
  }

  @Test
  void awkwardStringsRoundTripToTheSameBytes() throws Exception {
    String awkward = "q\"uo\\te\n\t\r\u0001\u007f é 😀 ,\"hash\":\" </>";
    AuditRecord r = chained(7, withText(awkward), PREV);
    String line = SyslogFormat.jsonLine(r);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);

    assertThat(line).doesNotContain("\n").contains("\\u0001").contains("\\n").contains("😀");
    assertThat(LineHash.shapeProblem(bytes)).isNull();
    assertThat(LineHash.matches(bytes)).isTrue();
    AuditRecord back = AuditJson.parse(bytes);
    assertThat(back).isEqualTo(r);
    assertThat(SyslogFormat.jsonLine(back)).isEqualTo(line);
    assertThat(line).contains("\"time\":\"2026-01-01T00:00:00.000000Z\"");
  }

  @Test
  void escapesAndNonAsciiTextHaveExactlyOneEncoding() {
    String text = "q\"b\\s\n\t\u0001\u007f \u00e9\ud83d\ude00\ud800";
    byte[] body =
        AuditJson.body(1, "n", withText(text), LineHash.ZERO).getBytes(StandardCharsets.UTF_8);
    byte[] expected =
        "\"principal\":\"q\\\"b\\\\s\\n\\t\\u0001\u007f \u00e9\ud83d\ude00\ufffd\","
            .getBytes(StandardCharsets.UTF_8);
    assertThat(new String(body, StandardCharsets.ISO_8859_1))
        .contains(new String(expected, StandardCharsets.ISO_8859_1));
  }

  @Test
  void loneSurrogatesAreStoredAsReplacementCharacters() throws Exception {
    AuditRecord r = chained(7, withText("a\ud800b\udc00c"), PREV);
    String line = SyslogFormat.jsonLine(r);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);

    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(line);
    assertThat(LineHash.matches(bytes)).isTrue();
    AuditRecord back = AuditJson.parse(bytes);
    assertThat(back.event().principal()).isEqualTo("a\ufffdb\ufffdc");
    assertThat(SyslogFormat.jsonLine(back)).isEqualTo(line);
  }

  @Test
  void timeIsFormattedExactlyAsTheDocumentedPatternForAnyInstant() {
    DateTimeFormatter pattern =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    Random random = new Random(11);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("2000-02-29T12:00:00.000001Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0001-01-01T00:00:00Z")));
    for (int i = 0; i < 100_000; i++) {
      long second = random.nextLong(-62_135_596_800L, 253_402_300_800L + 86_400L * 366);
      instants.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)));
    }
    for (Instant t : instants) {
      assertThat(AuditJson.time(t)).as("%s", t).isEqualTo(pattern.format(t));
    }
  }

  @Test
  void stringsWithAndWithoutEscapesAreWrittenAlike() throws Exception {
    for (String s : List.of("plain-id_123", "a\"quote", "back\\slash", "tab\there", "caf\u00e9")) {
      AuditEvent e =
          new AuditEvent(
              Instant.EPOCH,
              s,
              null,
              null,
              null,
              "rest",
              "op",
              Map.of(s, s),
              "allowed",
              null,
              "r",
              1,
              null);
      JsonNode n = new ObjectMapper().readTree(AuditJson.body(1, "n", e, LineHash.ZERO) + "}");
      assertThat(n.get("principal").asText()).isEqualTo(s);
      assertThat(n.get("resources").get(s).asText()).isEqualTo(s);
    }
  }

  @Test
  void peekSeqReadsTheSeqWithoutParsing() {
    assertThat(AuditJson.peekSeq("{\"seq\":42,\"time\"".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(42L);
    assertThat(AuditJson.peekSeq("{\"seq\":x,".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(AuditJson.peekSeq("{\"seq\":42".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(AuditJson.peekSeq("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(AuditJson.peekSeq("{\"seq\":99999999999999999999,".getBytes(StandardCharsets.UTF_8)))
        .isNull();
  }
}
