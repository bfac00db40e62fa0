package io.clavis.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records read the API's JSON, write it back, and never print secrets. */
class ResultsTest {
  private final ObjectMapper mapper = ClavisJson.newObjectMapper();

  @Test
  void readsAKey() throws Exception {
    String json =
        """
        {"id":"key_1","vaultId":"vault_1","compartmentId":"tenancy","name":"payments",
         "description":null,"tags":{"team":"pay"},"algorithm":"AES_256","state":"ENABLED",
         "currentVersion":2,"rotationPeriodDays":90,"nextRotationAt":"2025-01-01T00:00:00Z",
         "deletionTime":null,"createdAt":"2024-10-03T12:00:00.123Z","updatedAt":"2024-10-04T12:00:00Z",
         "createdBy":"root","versions":[{"version":1,"state":"ENABLED","createdAt":"2024-10-03T12:00:00Z"}],
         "somethingNew":true}
        """;
    Key k = mapper.readValue(json, Key.class);
    assertThat(k.id()).isEqualTo("key_1");
    assertThat(k.tags()).containsEntry("team", "pay");
    assertThat(k.currentVersion()).isEqualTo(2);
    assertThat(k.rotationPeriodDays()).isEqualTo(90);
    assertThat(k.createdAt()).isEqualTo(Instant.parse("2024-10-03T12:00:00.123Z"));
    assertThat(k.deletionTime()).isNull();
    assertThat(k.versions())
        .containsExactly(new KeyVersionInfo(1, "ENABLED", Instant.parse("2024-10-03T12:00:00Z")));
  }

  @Test
  void readsAPage() throws Exception {
    Page<Vault> p =
        mapper.readValue(
            "{\"items\":[{\"id\":\"v1\",\"name\":\"a\",\"createdAt\":\"2024-01-01T00:00:00+02:00\"}],"
                + "\"nextPage\":\"t2\"}",
            mapper.getTypeFactory().constructParametricType(Page.class, Vault.class));
    assertThat(p.items()).hasSize(1);
    assertThat(p.items().get(0).createdAt()).isEqualTo(Instant.parse("2023-12-31T22:00:00Z"));
    assertThat(p.hasNext()).isTrue();
  }

  @Test
  void binaryFieldsAreBase64() throws Exception {
    DecryptResult r =
        mapper.readValue(
            "{\"plaintext\":\"aGVsbG8=\",\"keyId\":\"k\",\"keyVersion\":3}", DecryptResult.class);
    assertThat(r.plaintext()).isEqualTo("hello".getBytes(UTF_8));
    assertThat(r.plaintextAsString()).isEqualTo("hello");
    JsonNode back = mapper.valueToTree(r);
    assertThat(back.get("plaintext").asText()).isEqualTo("aGVsbG8=");
    assertThat(back.get("keyVersion").asInt()).isEqualTo(3);
  }

  @Test
  void writesTimesAsIsoStringsAndOmitsNulls() throws Exception {
    Vault v = new Vault("v1", "a", null, "SOFTWARE", Instant.parse("2024-01-01T00:00:00Z"), null);
    assertThat(mapper.writeValueAsString(v))
        .isEqualTo(
            "{\"id\":\"v1\",\"name\":\"a\",\"protectionMode\":\"SOFTWARE\","
                + "\"createdAt\":\"2024-01-01T00:00:00Z\"}");
  }

  @Test
  void plaintextIsNeverPrinted() {
    byte[] secret = "top-secret".getBytes(UTF_8);
    assertThat(new DecryptResult(secret, "k", 1).toString())
        .doesNotContain("top-secret")
        .doesNotContain("dG9wLXNlY3JldA")
        .contains("10 bytes hidden");
    assertThat(new DataKey(secret, "CT", "k", 1).toString())
        .doesNotContain("top-secret")
        .doesNotContain("dG9wLXNlY3JldA")
        .contains("CT");
    assertThat(new DataKey(null, "CT", "k", 1).toString()).contains("plaintext=null");
  }

  @Test
  void secretsAreNeverPrinted() {
    assertThat(new TokenInfo("tok-secret", "id1", null).toString()).doesNotContain("tok-secret");
    assertThat(new InitResult("root-secret", List.of("share-a", "share-b")).toString())
        .doesNotContain("root-secret")
        .doesNotContain("share-a");
    assertThat(InitRequest.passphrase("pass-secret").toString()).doesNotContain("pass-secret");
    assertThat(UnsealRequest.passphrase("pass-secret").toString()).doesNotContain("pass-secret");
    assertThat(UnsealRequest.share("share-secret").toString()).doesNotContain("share-secret");
  }

  @Test
  void recordsWithBytesCompareByContent() {
    assertThat(new DecryptResult(new byte[] {1, 2}, "k", 1))
        .isEqualTo(new DecryptResult(new byte[] {1, 2}, "k", 1))
        .hasSameHashCodeAs(new DecryptResult(new byte[] {1, 2}, "k", 1));
    assertThat(SignRequest.message(new byte[] {1}, "ECDSA_SHA256"))
        .isEqualTo(SignRequest.message(new byte[] {1}, "ECDSA_SHA256"));
  }

  @Test
  void signRequestNeedsExactlyOneOfMessageAndDigest() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SignRequest(new byte[1], new byte[1], "ECDSA_SHA256"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SignRequest(null, null, "ECDSA_SHA256"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void auditRecordsKeepTheirResourcesSortedAndImmutable() throws Exception {
    AuditEvent e =
        mapper.readValue(
            "{\"seq\":1,\"time\":\"2026-01-01T00:00:00.000001Z\",\"operation\":\"key.get\","
                + "\"resources\":{\"vaultId\":\"v\",\"keyId\":\"k\"},\"result\":\"allowed\","
                + "\"durationMicros\":5,\"somethingNew\":1}",
            AuditEvent.class);
    assertThat(e.resources().keySet()).containsExactly("keyId", "vaultId");
    assertThat(e.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.000001Z"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.resources().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    AuditEvent none = mapper.readValue("{\"seq\":2,\"result\":\"failed\"}", AuditEvent.class);
    assertThat(none.resources()).isEmpty();
  }

  @Test
  void anAuditPageOmitsAnEmptyListOfUnreachableNodes() throws Exception {
    AuditPage p = mapper.readValue("{\"items\":[]}", AuditPage.class);
    assertThat(p.unreachableNodes()).isEmpty();
    assertThat(p.hasNext()).isFalse();
    assertThat(mapper.writeValueAsString(p)).isEqualTo("{\"items\":[]}");
    AuditPage q = new AuditPage(List.of(), "p2", List.of("node2"));
    assertThat(mapper.writeValueAsString(q))
        .isEqualTo("{\"items\":[],\"nextPage\":\"p2\",\"unreachableNodes\":[\"node2\"]}");
  }

  @Test
  void anAuditExportCountsItsLines() {
    assertThat(new AuditExport(AuditExport.Format.JSONL, "", null, null).records()).isZero();
    assertThat(new AuditExport(AuditExport.Format.JSONL, null, null, null).records()).isZero();
    assertThat(new AuditExport(AuditExport.Format.JSONL, "a\n", null, null).records()).isEqualTo(1);
    assertThat(new AuditExport(AuditExport.Format.SYSLOG, "a\nb\n\nc", null, null).records())
        .isEqualTo(3);
    assertThat(AuditExport.Format.SYSLOG.wire()).isEqualTo("syslog");
  }

  @Test
  void identityRecordsReadTheApiJson() throws Exception {
    User u =
        mapper.readValue(
            "{\"id\":\"user_1\",\"name\":\"a\",\"groups\":null,\"hasPassword\":false,"
                + "\"lockedUntil\":\"2026-01-01T00:15:00Z\"}",
            User.class);
    assertThat(u.groups()).isEmpty();
    assertThat(u.lockedUntil()).isEqualTo(Instant.parse("2026-01-01T00:15:00Z"));
    Group g = mapper.readValue("{\"id\":\"group_key-admins\",\"builtIn\":true}", Group.class);
    assertThat(g.builtIn()).isTrue();
    assertThat(g.members()).isEmpty();
    PolicyExplanation denied =
        mapper.readValue(
            "{\"principal\":\"a\",\"allowed\":false,\"reason\":\"no statement\"}",
            PolicyExplanation.class);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.statement()).isNull();
    assertThat(denied.groups()).isEmpty();
  }
}
