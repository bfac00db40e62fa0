package io.clavis.server.kmip.objects;

import static io.clavis.server.kmip.objects.ObjectsNode.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.AdjustmentType;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.NameType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.kmip.spec.State;
import io.clavis.server.identity.Principal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Locate's filters and paging, the attribute operations, and who may do what. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocateAndAccessTest {
  private ObjectsNode n;
  private String aesActive;
  private String aesPre;
  private String hmac;
  private String secret;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    n = new ObjectsNode(dir);
    aesActive =
        n.createAes(
            256,
            KmipAttribute.name("loc-alpha"),
            KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-group-1"),
            KmipAttribute.custom("x", "env", new KmipValue.Text("prod")));
    n.objects.activate(n.root, aesActive);
    aesPre =
        n.createAes(
            128,
            KmipAttribute.name("loc-beta"),
            KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-group-1"),
            KmipAttribute.custom("x", "env", new KmipValue.Text("dev")));
    hmac =
        n.objects.create(
            n.root,
            ObjectType.SYMMETRIC_KEY,
            KmipAttributes.of(
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_SHA256),
                KmipAttribute.name("loc-gamma"),
                KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-group-2")));
    secret =
        n.objects.register(
            n.root,
            new RegisterRequest(
                ObjectType.SECRET_DATA,
                SecretDataType.PASSWORD.value(),
                SecretBytes.copyOf("locate-secret".getBytes()),
                KmipAttributes.of(
                    KmipAttribute.name("loc-alpha"),
                    KmipAttribute.custom("x", "env", new KmipValue.Text("prod")))));
  }

  @AfterAll
  void stop() {
    if (n != null) {
      n.close();
    }
  }

  private List<String> locate(Principal p, KmipAttribute... criteria) {
    return n.objects.locate(p, LocateRequest.of(criteria)).uniqueIdentifiers();
  }

  private List<String> locate(KmipAttribute... criteria) {
    return locate(n.root, criteria);
  }

  @Test
  void eachFilterNarrowsTheResult() {
    assertThat(locate(KmipAttribute.name("loc-alpha")))
        .containsExactlyInAnyOrder(aesActive, secret);
    assertThat(locate(KmipAttribute.name("loc-beta"))).containsExactly(aesPre);
    assertThat(locate(KmipAttribute.name("loc-nobody"))).isEmpty();
    assertThat(
            locate(
                KmipAttribute.name("loc-alpha"),
                KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.SECRET_DATA)))
        .containsExactly(secret);
    assertThat(locate(KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-group-1")))
        .containsExactlyInAnyOrder(aesActive, aesPre);
    assertThat(
            locate(
                KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-group-1"),
                KmipAttribute.enumeration(StandardAttribute.STATE, State.PRE_ACTIVE)))
        .containsExactly(aesPre);
    assertThat(
            locate(
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_SHA256)))
        .containsExactly(hmac);
    assertThat(locate(KmipAttribute.custom("x", "env", new KmipValue.Text("prod"))))
        .containsExactlyInAnyOrder(aesActive, secret);
    assertThat(
            locate(
                KmipAttribute.custom("x", "env", new KmipValue.Text("prod")),
                KmipAttribute.enumeration(StandardAttribute.STATE, State.ACTIVE)))
        .containsExactly(aesActive);
    assertThat(
            locate(
                KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-group-1"),
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 128)))
        .containsExactly(aesPre);
    // Without an indexed attribute, Locate scans every key.
    assertThat(
            locate(
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 256)))
        .contains(aesActive)
        .doesNotContain(aesPre, hmac, secret);
    // A Name of another type is another name.
    assertThat(
            locate(
                KmipAttribute.of(
                    StandardAttribute.NAME, new KmipValue.NameValue("loc-beta", NameType.URI))))
        .isEmpty();
  }

  @Test
  void twoDatesAreARange() {
    Instant created = n.attribute(aesPre, StandardAttribute.INITIAL_DATE).instant();
    KmipAttribute from =
        KmipAttribute.date(StandardAttribute.INITIAL_DATE, created.minusSeconds(1));
    KmipAttribute to = KmipAttribute.date(StandardAttribute.INITIAL_DATE, created.plusSeconds(1));
    assertThat(locate(KmipAttribute.name("loc-beta"), from, to)).containsExactly(aesPre);
    KmipAttribute later =
        KmipAttribute.date(StandardAttribute.INITIAL_DATE, created.plusSeconds(60));
    KmipAttribute evenLater =
        KmipAttribute.date(StandardAttribute.INITIAL_DATE, created.plusSeconds(120));
    assertThat(locate(KmipAttribute.name("loc-beta"), later, evenLater)).isEmpty();
  }

  @Test
  void pagingSkipsAndLimitsAndCountsEverything() {
    KmipAttributes group =
        KmipAttributes.of(KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-paging"));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      made.add(n.createAes(128, group.list().get(0)));
    }
    List<String> sorted = made.stream().sorted().toList();
    LocateResult all = n.objects.locate(n.root, new LocateRequest(group, null, 0));
    assertThat(all.uniqueIdentifiers()).isEqualTo(sorted);
    assertThat(all.locatedItems()).isEqualTo(7);

    LocateResult page = n.objects.locate(n.root, new LocateRequest(group, 3, 2));
    assertThat(page.uniqueIdentifiers()).isEqualTo(sorted.subList(2, 5));
    assertThat(page.locatedItems()).isEqualTo(7);
    LocateResult tail = n.objects.locate(n.root, new LocateRequest(group, 3, 6));
    assertThat(tail.uniqueIdentifiers()).isEqualTo(sorted.subList(6, 7));
    assertThat(n.objects.locate(n.root, new LocateRequest(group, 3, 50)).uniqueIdentifiers())
        .isEmpty();
    assertThat(n.objects.locate(n.root, new LocateRequest(group, 0, 0)).uniqueIdentifiers())
        .isEmpty();
    expect(() -> new LocateRequest(group, -1, 0), ResultReason.INVALID_FIELD);
    expect(() -> new LocateRequest(group, 1, -1), ResultReason.INVALID_FIELD);
  }

  @Test
  void aServiceWithoutPolicySeesAndDoesNothing() throws Exception {
    Principal nobody = n.service();
    assertThat(n.objects.locate(nobody, LocateRequest.of()).uniqueIdentifiers()).isEmpty();
    assertThat(locate(nobody, KmipAttribute.name("loc-alpha"))).isEmpty();
    expect(() -> n.createAes(nobody, 128), ResultReason.PERMISSION_DENIED);
    expect(
        () -> n.objects.attributes(nobody, aesActive, List.of()), ResultReason.PERMISSION_DENIED);
    expect(() -> n.objects.get(nobody, secret, null), ResultReason.PERMISSION_DENIED);
    expect(() -> n.objects.activate(nobody, aesPre), ResultReason.PERMISSION_DENIED);
    expect(
        () -> n.objects.revoke(nobody, aesActive, RevocationReasonCode.KEY_COMPROMISE, null, null),
        ResultReason.PERMISSION_DENIED);
    expect(() -> n.objects.destroy(nobody, aesPre), ResultReason.PERMISSION_DENIED);
    expect(
        () -> n.objects.addAttribute(nobody, aesPre, KmipAttribute.name("hijack")),
        ResultReason.PERMISSION_DENIED);
    expect(
        () -> n.objects.authorizeUse(nobody, aesActive, "kmip.encrypt"),
        ResultReason.PERMISSION_DENIED);
    // Nothing changed.
    assertThat(n.attribute(aesActive, StandardAttribute.STATE).intValue())
        .isEqualTo(State.ACTIVE.value());
    assertThat(n.objects.attributes(n.root, aesPre, List.of()).all(StandardAttribute.NAME))
        .containsExactly(KmipAttribute.name("loc-beta"));
  }

  @Test
  void aServiceThatManagesKeysInTheTenancyCanDoEverything() throws Exception {
    Principal admin = n.service("allow service $me to manage keys in tenancy");
    String own = n.createAes(admin, 256, KmipAttribute.name("loc-admin-own"));
    assertThat(n.rest.node().keys().get(own).createdBy()).isEqualTo(admin.name());
    assertThat(locate(admin, KmipAttribute.name("loc-alpha")))
        .containsExactlyInAnyOrder(aesActive, secret);
    assertThat(n.objects.locate(admin, LocateRequest.of()).uniqueIdentifiers())
        .contains(aesActive, aesPre, hmac, secret, own);
    assertThat(n.objects.get(admin, secret, null).value().size()).isEqualTo(13);
    n.objects.activate(admin, own);
    assertThat(n.objects.authorizeUse(admin, own, "kmip.encrypt")).isEqualTo(own);
    n.objects.addAttribute(admin, own, KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "g"));
    n.objects.revoke(admin, own, RevocationReasonCode.SUPERSEDED, null, null);
    n.objects.destroy(admin, own);
  }

  @Test
  void readAndUseAreSeparateFromManage() throws Exception {
    Principal reader = n.service("allow service $me to read keys in tenancy");
    assertThat(n.objects.attributes(reader, aesActive, List.of()).isEmpty()).isFalse();
    assertThat(locate(reader, KmipAttribute.name("loc-beta"))).containsExactly(aesPre);
    expect(() -> n.objects.get(reader, secret, null), ResultReason.PERMISSION_DENIED);
    expect(
        () -> n.objects.addAttribute(reader, aesPre, KmipAttribute.name("nope")),
        ResultReason.PERMISSION_DENIED);
    expect(() -> n.createAes(reader, 128), ResultReason.PERMISSION_DENIED);

    Principal user = n.service("allow service $me to use keys in tenancy");
    assertThat(n.objects.get(user, secret, null).value().size()).isEqualTo(13);
    expect(() -> n.objects.destroy(user, aesPre), ResultReason.PERMISSION_DENIED);
  }

  @Test
  void attributesAreAddedModifiedAndDeletedByTheirRules() {
    String uid = n.createAes(128, KmipAttribute.name("edit-first"));
    assertThat(n.objects.addAttribute(n.root, uid, KmipAttribute.name("edit-second"))).isEqualTo(1);
    assertThat(locate(KmipAttribute.name("edit-second"))).containsExactly(uid);

    // 1.x: by index; 2.x: by current value.
    n.objects.modifyAttribute(n.root, uid, KmipAttribute.name("edit-renamed"), 1);
    assertThat(locate(KmipAttribute.name("edit-second"))).isEmpty();
    assertThat(locate(KmipAttribute.name("edit-renamed"))).containsExactly(uid);
    n.objects.modifyAttribute(
        n.root, uid, KmipAttribute.name("edit-first"), KmipAttribute.name("edit-one"));
    assertThat(n.objects.attributes(n.root, uid, List.of()).all(StandardAttribute.NAME))
        .containsExactly(KmipAttribute.name("edit-one"), KmipAttribute.name("edit-renamed"));
    expect(
        () -> n.objects.modifyAttribute(n.root, uid, KmipAttribute.name("x"), 5),
        ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND);
    expect(
        () ->
            n.objects.modifyAttribute(
                n.root, uid, KmipAttribute.name("no-such"), KmipAttribute.name("y")),
        ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND);
    n.objects.deleteAttribute(n.root, uid, KmipAttributeName.of(StandardAttribute.NAME), 0);
    assertThat(locate(KmipAttribute.name("edit-one"))).isEmpty();
    n.objects.deleteAttribute(n.root, uid, KmipAttribute.name("edit-renamed"));
    assertThat(n.has(uid, StandardAttribute.NAME)).isFalse();
    expect(
        () ->
            n.objects.deleteAttribute(n.root, uid, KmipAttributeName.of(StandardAttribute.NAME), 0),
        ResultReason.ATTRIBUTE_NOT_FOUND);

    // Single-valued attributes: one instance, set or modified.
    KmipAttribute contact = KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, "a@example");
    n.objects.addAttribute(n.root, uid, contact);
    expect(
        () -> n.objects.addAttribute(n.root, uid, contact), ResultReason.ATTRIBUTE_SINGLE_VALUED);
    n.objects.setAttribute(
        n.root, uid, KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, "b@example"));
    assertThat(n.attribute(uid, StandardAttribute.CONTACT_INFORMATION).textValue())
        .isEqualTo("b@example");
    expect(
        () -> n.objects.setAttribute(n.root, uid, KmipAttribute.name("multi")),
        ResultReason.MULTI_VALUED_ATTRIBUTE);

    // What only the server sets, and what was fixed at creation, stays.
    expect(
        () ->
            n.objects.addAttribute(
                n.root, uid, KmipAttribute.enumeration(StandardAttribute.STATE, State.ACTIVE)),
        ResultReason.ATTRIBUTE_READ_ONLY);
    expect(
        () ->
            n.objects.setAttribute(
                n.root, uid, KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 256)),
        ResultReason.ATTRIBUTE_READ_ONLY);
    expect(
        () ->
            n.objects.addAttribute(
                n.root, uid, KmipAttribute.custom("y", "mine", new KmipValue.Text("v"))),
        ResultReason.ATTRIBUTE_READ_ONLY);
    expect(
        () ->
            n.objects.deleteAttribute(
                n.root, uid, KmipAttributeName.of(StandardAttribute.EXTRACTABLE), 0),
        ResultReason.ATTRIBUTE_READ_ONLY);

    // Promises only tighten.
    n.objects.setAttribute(n.root, uid, KmipAttribute.bool(StandardAttribute.SENSITIVE, true));
    expect(() -> n.objects.get(n.root, uid, null), ResultReason.SENSITIVE);
    expect(
        () ->
            n.objects.setAttribute(
                n.root, uid, KmipAttribute.bool(StandardAttribute.SENSITIVE, false)),
        ResultReason.ILLEGAL_OPERATION);
    n.objects.setAttribute(n.root, uid, KmipAttribute.bool(StandardAttribute.EXTRACTABLE, false));
    expect(
        () ->
            n.objects.setAttribute(
                n.root, uid, KmipAttribute.bool(StandardAttribute.EXTRACTABLE, true)),
        ResultReason.ILLEGAL_OPERATION);
    assertThat(n.attribute(uid, StandardAttribute.NEVER_EXTRACTABLE).boolValue()).isFalse();
    assertThat(n.attribute(uid, StandardAttribute.ALWAYS_SENSITIVE).boolValue()).isFalse();

    // Custom attributes: many instances, adjustable when numeric.
    KmipAttributeName counter = KmipAttributeName.custom("x", "uses");
    n.objects.addAttribute(n.root, uid, new KmipAttribute(counter, new KmipValue.IntegerValue(5)));
    assertThat(
            n.objects.adjustAttribute(
                n.root, uid, counter, AdjustmentType.INCREMENT, new KmipValue.IntegerValue(10)))
        .isEqualTo(new KmipAttribute(counter, new KmipValue.IntegerValue(15)));
    assertThat(n.objects.adjustAttribute(n.root, uid, counter, AdjustmentType.NEGATE, null))
        .isEqualTo(new KmipAttribute(counter, new KmipValue.IntegerValue(-15)));
    n.objects.setAttribute(
        n.root, uid, KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, "c@example"));
    expect(
        () ->
            n.objects.adjustAttribute(
                n.root,
                uid,
                counter,
                AdjustmentType.DECREMENT,
                new KmipValue.LongIntegerValue(Long.MAX_VALUE)),
        ResultReason.NUMERIC_RANGE);
    expect(
        () ->
            n.objects.adjustAttribute(
                n.root,
                uid,
                KmipAttributeName.of(StandardAttribute.CRYPTOGRAPHIC_LENGTH),
                AdjustmentType.INCREMENT,
                null),
        ResultReason.ATTRIBUTE_READ_ONLY);
    assertThat(locate(new KmipAttribute(counter, new KmipValue.IntegerValue(-15))))
        .containsExactly(uid);

    // The Last Change Date follows every change.
    assertThat(n.attribute(uid, StandardAttribute.LAST_CHANGE_DATE).instant())
        .isAfterOrEqualTo(n.attribute(uid, StandardAttribute.INITIAL_DATE).instant());
  }

  @Test
  void aRestKeyGetsKmipAttributesWithoutLosingItsName() throws Exception {
    String vault = n.rest.createVault("loc-rest");
    String id = n.rest.createKey(vault, "loc-rest-key", "AES_128");
    n.objects.addAttribute(
        n.root, id, KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-rest-g"));
    assertThat(locate(KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "loc-rest-g")))
        .containsExactly(id);
    assertThat(locate(KmipAttribute.name("loc-rest-key"))).containsExactly(id);
    n.objects.modifyAttribute(n.root, id, KmipAttribute.name("loc-rest-renamed"), 0);
    // KMIP renamed it: the Clavis name stays, but KMIP no longer finds it by that name.
    assertThat(locate(KmipAttribute.name("loc-rest-key"))).isEmpty();
    assertThat(locate(KmipAttribute.name("loc-rest-renamed"))).containsExactly(id);
    assertThat(n.rest.call("GET", "/v1/keys/" + id, null).text("name")).isEqualTo("loc-rest-key");
  }

  @Test
  void publicHalvesAreInspectedNotChanged() throws Exception {
    String vault = n.rest.createVault("loc-pairs");
    String id = n.rest.createKey(vault, "loc-rsa", "RSA_2048");
    String pub = id + ObjectId.PUBLIC_SUFFIX;
    assertThat(n.attribute(pub, StandardAttribute.OBJECT_TYPE).intValue())
        .isEqualTo(ObjectType.PUBLIC_KEY.value());
    assertThat(n.attribute(pub, StandardAttribute.EXTRACTABLE).boolValue()).isTrue();
    expect(
        () -> n.objects.addAttribute(n.root, pub, KmipAttribute.name("p")),
        ResultReason.ILLEGAL_OPERATION);
    Principal reader = n.service("allow service $me to read keys in tenancy");
    assertThat(n.objects.get(reader, pub, null).value().size()).isGreaterThan(200);
  }
}
