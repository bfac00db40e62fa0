package io.clavis.server.kmip.objects;

import static io.clavis.server.kmip.objects.ObjectsNode.expect;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.kmip.spec.State;
import io.clavis.server.error.ClavisException;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyVersionRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The KMIP lifecycle on Clavis keys, and how REST sees each step. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTest {
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

  private State state(String uid) {
    return State.fromValue(n.attribute(uid, StandardAttribute.STATE).intValue()).orElseThrow();
  }

  private String restState(String uid) throws Exception {
    return n.rest.call("GET", "/v1/keys/" + uid, null).text("state");
  }

  private int encryptStatus(String uid) throws Exception {
    return n.rest
        .call("POST", "/v1/keys/" + uid + "/encrypt", json("plaintext", base64("p")))
        .status();
  }

  @Test
  void activateRevokeCompromiseDestroy() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String uid = n.createAes(256, KmipAttribute.name("lifecycle-1"));
    assertThat(state(uid)).isEqualTo(State.PRE_ACTIVE);
    assertThat(n.attribute(uid, StandardAttribute.INITIAL_DATE).instant()).isAfterOrEqualTo(before);

    n.objects.activate(n.root, uid);
    assertThat(state(uid)).isEqualTo(State.ACTIVE);
    assertThat(n.attribute(uid, StandardAttribute.ACTIVATION_DATE).instant())
        .isAfterOrEqualTo(before);
    expect(() -> n.objects.activate(n.root, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    // KMIP forbids destroying what is in use.
    expect(() -> n.objects.destroy(n.root, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    assertThat(encryptStatus(uid)).isEqualTo(200);

    n.objects.revoke(n.root, uid, RevocationReasonCode.SUPERSEDED, "rotated out", null);
    assertThat(state(uid)).isEqualTo(State.DEACTIVATED);
    assertThat(restState(uid)).isEqualTo("DISABLED");
    assertThat(encryptStatus(uid)).isEqualTo(409);
    assertThat(n.attribute(uid, StandardAttribute.DEACTIVATION_DATE).instant())
        .isAfterOrEqualTo(before);
    assertThat(n.attribute(uid, StandardAttribute.REVOCATION_REASON).value())
        .isEqualTo(
            new KmipValue.RevocationReasonValue(RevocationReasonCode.SUPERSEDED, "rotated out"));
    expect(
        () -> n.objects.revoke(n.root, uid, RevocationReasonCode.SUPERSEDED, null, null),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE);

    Instant leaked = before.minusSeconds(86_400);
    n.objects.revoke(n.root, uid, RevocationReasonCode.KEY_COMPROMISE, "laptop stolen", leaked);
    assertThat(state(uid)).isEqualTo(State.COMPROMISED);
    assertThat(restState(uid)).isEqualTo("COMPROMISED");
    assertThat(n.attribute(uid, StandardAttribute.COMPROMISE_OCCURRENCE_DATE).instant())
        .isEqualTo(leaked);
    assertThat(n.attribute(uid, StandardAttribute.COMPROMISE_DATE).instant())
        .isAfterOrEqualTo(before);
    // Nothing brings a compromised key back, not even REST.
    assertThat(n.rest.call("POST", "/v1/keys/" + uid + "/enable", null).code())
        .isEqualTo("INVALID_STATE");
    assertThat(n.rest.call("POST", "/v1/keys/" + uid + "/rotate", null).code())
        .isEqualTo("INVALID_STATE");
    assertThat(encryptStatus(uid)).isEqualTo(409);
    // Get still works on a revoked object: KMIP only refuses it once destroyed.
    assertThat(n.objects.get(n.root, uid, null).value().size()).isEqualTo(32);

    n.objects.destroy(n.root, uid);
    assertThat(state(uid)).isEqualTo(State.DESTROYED_COMPROMISED);
    assertThat(restState(uid)).isEqualTo("DESTROYED");
    assertThat(n.attribute(uid, StandardAttribute.DESTROY_DATE).instant()).isAfterOrEqualTo(before);
    expect(() -> n.objects.get(n.root, uid, null), ResultReason.OBJECT_DESTROYED);
    expect(() -> n.objects.destroy(n.root, uid), ResultReason.OBJECT_DESTROYED);
    assertMaterialErased(uid);
    // The attributes stay, for Locate and Get Attributes.
    assertThat(
            n.objects
                .locate(n.root, LocateRequest.of(KmipAttribute.name("lifecycle-1")))
                .uniqueIdentifiers())
        .containsExactly(uid);
  }

  @Test
  void aPreActiveObjectIsDestroyedAtOnceAndCanStillBeMarkedCompromised() throws Exception {
    String uid =
        n.objects.register(
            n.root,
            new RegisterRequest(
                ObjectType.SECRET_DATA,
                SecretDataType.PASSWORD.value(),
                SecretBytes.copyOf("p4ssw0rd-for-destroy".getBytes()),
                KmipAttributes.empty()));
    assertThat(state(uid)).isEqualTo(State.PRE_ACTIVE);
    n.objects.destroy(n.root, uid);
    assertThat(state(uid)).isEqualTo(State.DESTROYED);
    assertMaterialErased(uid);
    expect(() -> n.objects.activate(n.root, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE);

    n.objects.revoke(n.root, uid, RevocationReasonCode.KEY_COMPROMISE, null, null);
    assertThat(state(uid)).isEqualTo(State.DESTROYED_COMPROMISED);
    expect(
        () -> n.objects.revoke(n.root, uid, RevocationReasonCode.CA_COMPROMISE, null, null),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }

  @Test
  void aPreActiveObjectCanBeRevokedWithoutEverBeingActive() {
    String uid = n.createAes(128);
    n.objects.revoke(n.root, uid, RevocationReasonCode.CESSATION_OF_OPERATION, null, null);
    assertThat(state(uid)).isEqualTo(State.DEACTIVATED);
    expect(() -> n.objects.activate(n.root, uid), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
  }

  @Test
  void aRestKeyFollowsKmipRulesToo() throws Exception {
    String vault = n.rest.createVault("lifecycle-rest");
    String id = n.rest.createKey(vault, "rest-lifecycle", "AES_128");
    expect(() -> n.objects.destroy(n.root, id), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    expect(() -> n.objects.activate(n.root, id), ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    n.objects.revoke(n.root, id, RevocationReasonCode.PRIVILEGE_WITHDRAWN, null, null);
    assertThat(restState(id)).isEqualTo("DISABLED");
    // Erased at once, where REST would have waited 7 to 30 days.
    n.objects.destroy(n.root, id);
    assertThat(restState(id)).isEqualTo("DESTROYED");
    assertMaterialErased(id);
  }

  @Test
  void aDeactivationDateIsReachedByTheLeadersMaintenance() throws Exception {
    Instant activation = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    Instant deactivation = Instant.now().plusSeconds(7200).truncatedTo(ChronoUnit.SECONDS);
    String uid =
        n.createAes(
            128,
            KmipAttribute.date(StandardAttribute.ACTIVATION_DATE, activation),
            KmipAttribute.date(StandardAttribute.DEACTIVATION_DATE, deactivation));
    assertThat(state(uid)).isEqualTo(State.ACTIVE);
    n.objects.runDueTransitions(deactivation);
    assertThat(state(uid)).isEqualTo(State.DEACTIVATED);
    assertThat(n.attribute(uid, StandardAttribute.DEACTIVATION_DATE).instant())
        .isEqualTo(deactivation);
    // The entry is consumed: running again changes nothing.
    n.objects.runDueTransitions(deactivation.plusSeconds(1));
    assertThat(state(uid)).isEqualTo(State.DEACTIVATED);

    expect(
        () ->
            n.createAes(
                128,
                KmipAttribute.date(StandardAttribute.ACTIVATION_DATE, deactivation),
                KmipAttribute.date(StandardAttribute.DEACTIVATION_DATE, activation)),
        ResultReason.INVALID_ATTRIBUTE_VALUE);
  }

  @Test
  void unknownObjectsAreNotFound() {
    for (String uid : List.of("key_doesnotexist", "", "key_x/../y", "key_nope-public")) {
      expect(() -> n.objects.activate(n.root, uid), ResultReason.OBJECT_NOT_FOUND);
      expect(() -> n.objects.get(n.root, uid, null), ResultReason.OBJECT_NOT_FOUND);
      expect(() -> n.objects.attributes(n.root, uid, List.of()), ResultReason.OBJECT_NOT_FOUND);
    }
    String aes = n.createAes(128);
    expect(
        () -> n.objects.get(n.root, aes + ObjectId.PUBLIC_SUFFIX, null),
        ResultReason.OBJECT_NOT_FOUND);
  }

  private void assertMaterialErased(String uid) {
    KeyRecord key = n.rest.node().keys().get(uid);
    for (int v = 1; v <= key.currentVersion(); v++) {
      KeyVersionRecord version =
          n.store().read(KeyVersionRecord.key(uid, v), KeyVersionRecord.class).orElseThrow();
      assertThat(version.wrappedMaterial()).isNull();
      int version1 = v;
      assertThatThrownBy(() -> n.rest.node().keyMaterials().get(key, version1))
          .isInstanceOf(ClavisException.class);
    }
  }
}
