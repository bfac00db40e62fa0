package io.clavis.server.kmip.objects;

import static io.clavis.server.kmip.objects.ObjectsNode.expect;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.PublicKeys;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.kmip.spec.State;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * KMIP objects are Clavis keys: what KMIP creates, REST lists and uses; what REST creates, KMIP
 * locates and inspects but cannot extract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneKeyStoreTest {
  private ObjectsNode n;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    n = new ObjectsNode(dir);
  }

  @AfterAll
  void stop() {
    if (n != null) {
      n.close();
    }
  }

  private Response rest(String method, String path, String body) throws Exception {
    return n.rest.call(method, path, body);
  }

  @Test
  void aKeyCreatedOverKmipIsARestKeyThatEncryptsOnceActivated() throws Exception {
    String uid =
        n.createAes(
            256,
            KmipAttribute.name("payments-dek"),
            KmipAttribute.custom("x", "owner", new KmipValue.Text("team-a")));

    Response key = rest("GET", "/v1/keys/" + uid, null);
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.text("name")).isEqualTo("payments-dek");
    assertThat(key.text("algorithm")).isEqualTo("AES_256");
    assertThat(key.text("state")).isEqualTo("PRE_ACTIVE");
    Response vault = rest("GET", "/v1/vaults/" + key.text("vaultId"), null);
    assertThat(vault.text("name")).isEqualTo(ManagedObjects.DEFAULT_VAULT_NAME);
    assertThat(vault.text("compartmentId")).isEqualTo("tenancy");

    byte[] plaintext = "card 4111 1111 1111 1111".getBytes(StandardCharsets.UTF_8);
    Response refused =
        rest("POST", "/v1/keys/" + uid + "/encrypt", json("plaintext", base64(plaintext)));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("KEY_NOT_ENABLED");
    assertThat(n.attribute(uid, StandardAttribute.STATE).intValue())
        .isEqualTo(State.PRE_ACTIVE.value());
    assertThat(n.has(uid, StandardAttribute.ACTIVATION_DATE)).isFalse();

    n.objects.activate(n.root, uid);

    assertThat(rest("GET", "/v1/keys/" + uid, null).text("state")).isEqualTo("ENABLED");
    Response enc =
        rest("POST", "/v1/keys/" + uid + "/encrypt", json("plaintext", base64(plaintext)));
    assertThat(enc.status()).isEqualTo(200);
    Response dec = rest("POST", "/v1/decrypt", json("ciphertext", enc.text("ciphertext")));
    assertThat(dec.status()).isEqualTo(200);
    assertThat(dec.bytes("plaintext")).isEqualTo(plaintext);

    KmipAttributes all = n.objects.attributes(n.root, uid, List.of());
    assertThat(all.first(StandardAttribute.STATE).orElseThrow().intValue())
        .isEqualTo(State.ACTIVE.value());
    assertThat(all.first(StandardAttribute.ACTIVATION_DATE)).isPresent();
    assertThat(all.all(KmipAttributeName.custom("x", "owner")))
        .containsExactly(KmipAttribute.custom("x", "owner", new KmipValue.Text("team-a")));
    assertThat(all.first(StandardAttribute.OBJECT_TYPE).orElseThrow().intValue())
        .isEqualTo(ObjectType.SYMMETRIC_KEY.value());
    assertThat(all.first(StandardAttribute.EXTRACTABLE).orElseThrow().boolValue()).isTrue();

    // The key KMIP gets is the key REST encrypts with.
    byte[] raw =
        n.objects.get(n.root, uid, KeyFormatType.RAW).value().toByteArray(SecretAccess.get());
    assertThat(raw).hasSize(32);
    assertThat(
            n.rest
                .node()
                .keyMaterials()
                .get(n.rest.node().keys().get(uid), 1)
                .orElseThrow()
                .secret()
                .toByteArray(SecretAccess.get()))
        .isEqualTo(raw);
  }

  @Test
  void anHmacKeyCreatedOverKmipMacsOverRest() throws Exception {
    String uid =
        n.objects.create(
            n.root,
            ObjectType.SYMMETRIC_KEY,
            KmipAttributes.of(
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_SHA384),
                KmipAttribute.date(
                    StandardAttribute.ACTIVATION_DATE, Instant.now().minusSeconds(5))));
    assertThat(rest("GET", "/v1/keys/" + uid, null).text("algorithm")).isEqualTo("HMAC_SHA384");
    assertThat(rest("GET", "/v1/keys/" + uid, null).text("state")).isEqualTo("ENABLED");
    Response mac = rest("POST", "/v1/keys/" + uid + "/mac", json("message", base64("m")));
    assertThat(mac.status()).isEqualTo(200);
    assertThat(n.attribute(uid, StandardAttribute.CRYPTOGRAPHIC_LENGTH).intValue()).isEqualTo(384);
    // A key with no name gets a Clavis name derived from its id.
    assertThat(rest("GET", "/v1/keys/" + uid, null).text("name")).startsWith("kmip-");
    assertThat(n.has(uid, StandardAttribute.NAME)).isFalse();
  }

  @Test
  void aFutureActivationDateIsReachedByTheLeadersMaintenance() throws Exception {
    Instant soon = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    String uid = n.createAes(128, KmipAttribute.date(StandardAttribute.ACTIVATION_DATE, soon));
    assertThat(rest("GET", "/v1/keys/" + uid, null).text("state")).isEqualTo("PRE_ACTIVE");
    n.objects.runDueTransitions(soon.minusSeconds(1));
    assertThat(rest("GET", "/v1/keys/" + uid, null).text("state")).isEqualTo("PRE_ACTIVE");
    n.objects.runDueTransitions(soon);
    assertThat(rest("GET", "/v1/keys/" + uid, null).text("state")).isEqualTo("ENABLED");
    assertThat(n.attribute(uid, StandardAttribute.ACTIVATION_DATE).instant()).isEqualTo(soon);
  }

  @Test
  void aRestKeyIsLocatedAndInspectedButItsMaterialStaysIn() throws Exception {
    String vault = n.rest.createVault("rest-vault");
    String id = n.rest.createKey(vault, "rest-made-key", "AES_256");

    LocateResult byName =
        n.objects.locate(n.root, LocateRequest.of(KmipAttribute.name("rest-made-key")));
    assertThat(byName.uniqueIdentifiers()).containsExactly(id);

    KmipAttributes attributes = n.objects.attributes(n.root, id, List.of());
    assertThat(attributes.first(StandardAttribute.STATE).orElseThrow().intValue())
        .isEqualTo(State.ACTIVE.value());
    assertThat(attributes.first(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM).orElseThrow().intValue())
        .isEqualTo(CryptographicAlgorithm.AES.value());
    assertThat(attributes.first(StandardAttribute.CRYPTOGRAPHIC_LENGTH).orElseThrow().intValue())
        .isEqualTo(256);
    assertThat(attributes.first(StandardAttribute.EXTRACTABLE).orElseThrow().boolValue()).isFalse();
    assertThat(attributes.first(StandardAttribute.NEVER_EXTRACTABLE).orElseThrow().boolValue())
        .isTrue();
    assertThat(attributes.all(StandardAttribute.NAME))
        .containsExactly(KmipAttribute.name("rest-made-key"));

    expect(() -> n.objects.get(n.root, id, null), ResultReason.NOT_EXTRACTABLE);
    // Extractable only ever goes from true to false.
    expect(
        () ->
            n.objects.setAttribute(
                n.root, id, KmipAttribute.bool(StandardAttribute.EXTRACTABLE, true)),
        ResultReason.ILLEGAL_OPERATION);

    assertThat(rest("POST", "/v1/keys/" + id + "/disable", null).status()).isEqualTo(200);
    assertThat(n.attribute(id, StandardAttribute.STATE).intValue())
        .isEqualTo(State.DEACTIVATED.value());
    assertThat(
            rest("POST", "/v1/keys/" + id + "/schedule-deletion", json("pendingDays", 7)).status())
        .isEqualTo(200);
    assertThat(n.attribute(id, StandardAttribute.STATE).intValue())
        .isEqualTo(State.DEACTIVATED.value());
  }

  @Test
  void aRestKeyPairIsAPrivateAndAPublicObject() throws Exception {
    String vault = n.rest.createVault("rest-pairs");
    String id = n.rest.createKey(vault, "signing-pair", "EC_P256");
    LocateResult located =
        n.objects.locate(n.root, LocateRequest.of(KmipAttribute.name("signing-pair")));
    assertThat(located.uniqueIdentifiers()).containsExactly(id);
    LocateResult publics =
        n.objects.locate(
            n.root,
            LocateRequest.of(
                KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.PUBLIC_KEY),
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.EC)));
    String publicId = id + ObjectId.PUBLIC_SUFFIX;
    assertThat(publics.uniqueIdentifiers()).contains(publicId).doesNotContain(id);

    ManagedObject pub = n.objects.get(n.root, publicId, null);
    assertThat(pub.objectType()).isEqualTo(ObjectType.PUBLIC_KEY);
    assertThat(pub.keyFormatType()).isEqualTo(KeyFormatType.X_509);
    String pem = rest("GET", "/v1/keys/" + id + "/public-key", null).text("publicKey");
    assertThat(pub.value().toByteArray(SecretAccess.get())).isEqualTo(PublicKeys.fromPem(pem));
    expect(() -> n.objects.get(n.root, id, null), ResultReason.NOT_EXTRACTABLE);
    // The pair has one lifecycle: the public identifier names the same, Active, key.
    expect(() -> n.objects.destroy(n.root, publicId), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    assertThat(n.attribute(id, StandardAttribute.OBJECT_TYPE).intValue())
        .isEqualTo(ObjectType.PRIVATE_KEY.value());
  }

  @Test
  void dataObjectsAreListedOverRestButNeverCreatedOrUsedThere() throws Exception {
    String uid =
        n.objects.register(
            n.root,
            new RegisterRequest(
                ObjectType.SECRET_DATA,
                SecretDataType.PASSWORD.value(),
                SecretBytes.copyOf("mysql-master-secret".getBytes(StandardCharsets.UTF_8)),
                KmipAttributes.of(KmipAttribute.name("mysql-master"))));
    n.objects.activate(n.root, uid);
    Response key = rest("GET", "/v1/keys/" + uid, null);
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.text("algorithm")).isEqualTo("SECRET_DATA");
    assertThat(key.text("state")).isEqualTo("ENABLED");

    Response encrypt = rest("POST", "/v1/keys/" + uid + "/encrypt", json("plaintext", base64("p")));
    assertThat(encrypt.code()).isEqualTo("INVALID_OPERATION_FOR_KEY");
    assertThat(rest("POST", "/v1/keys/" + uid + "/mac", json("message", base64("m"))).code())
        .isEqualTo("INVALID_OPERATION_FOR_KEY");
    assertThat(rest("POST", "/v1/keys/" + uid + "/rotate", null).code())
        .isEqualTo("INVALID_OPERATION_FOR_KEY");
    assertThat(rest("POST", "/v1/keys/" + uid + "/generate-data-key", "{}").code())
        .isEqualTo("INVALID_OPERATION_FOR_KEY");

    Response create =
        rest(
            "POST",
            "/v1/keys",
            json("vaultId", key.text("vaultId"), "name", "not-here", "algorithm", "SECRET_DATA"));
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.code()).isEqualTo("UNSUPPORTED_ALGORITHM");
    assertThat(create.text("message").substring(create.text("message").indexOf("use one of")))
        .contains("AES_256")
        .doesNotContain("SECRET_DATA")
        .doesNotContain("OPAQUE_DATA")
        .doesNotContain("X509_CERTIFICATE");
  }
}
