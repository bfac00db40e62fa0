package io.clavis.server.kmip.objects;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyFamily;
import io.clavis.core.key.KeyMaterial;
import io.clavis.core.policy.Verb;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.LinkType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.server.common.Clock;
import io.clavis.server.identity.Principal;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyState;
import io.clavis.server.vault.Vault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Objects made from existing ones: the replacement of a key (Re-key, Re-key Key Pair) and a key or
 * secret derived from a base object (Derive Key). Each is a new Clavis key, in the vault of the
 * object it comes from, linked to it both ways in the same Raft entry ({@link
 * LinkedCreateCommand}).
 *
 * <p>A replacement is a new key rather than a new version of the old one because KMIP gives it its
 * own Unique Identifier, lifecycle and dates, and lets the old key keep working (docs/adr/0008).
 */
public final class DerivedObjects {
  /** The audit and policy operation names, as {@code KmipAudit} derives them from the operation. */
  static final String REKEY = "kmip.re-key";

  static final String REKEY_KEY_PAIR = "kmip.re-key-key-pair";
  static final String DERIVE_KEY = "kmip.derive-key";

  private final ManagedObjects objects;

  public DerivedObjects(ManagedObjects objects) {
    this.objects = Objects.requireNonNull(objects, "objects");
  }

  // ---- Re-key ----------------------------------------------------------------------------------

  /**
   * Replaces a symmetric key (Re-key) or an RSA/EC key pair (Re-key Key Pair, named by its private
   * key) with a new key of the same algorithm in the same vault. The new key gets the old one's
   * usage mask, groups, contact information, custom attributes and protection (Sensitive,
   * Extractable), the old one's Names (which the old key loses), a Replaced Object link to the old
   * key, and its dates: copied, or with an {@code offset} the Activation Date is now plus the
   * offset and the Deactivation Date keeps its distance to it. The old key gets a Replacement
   * Object link and otherwise stays as it is: it still decrypts and verifies. Needs {@code manage
   * keys} on the old key.
   *
   * @param offsetSeconds the Offset, or null
   * @param attributes attributes for the new key: dates, Names, groups, contact, custom attributes
   *     and links are taken; algorithm, length, usage mask and object type must match the old key's
   * @return the new key's Unique Identifier (the private key's for a pair)
   */
  public String rekey(
      Principal principal,
      String uniqueIdentifier,
      Long offsetSeconds,
      KmipAttributes attributes,
      boolean keyPair) {
    return ManagedObjects.kmip(
        () -> {
          String operation = keyPair ? REKEY_KEY_PAIR : REKEY;
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          KeyRecord old = objects.authorized(principal, id, operation, Verb.MANAGE);
          boolean symmetric =
              old.algorithm().family() == KeyFamily.AES
                  || old.algorithm().family() == KeyFamily.HMAC;
          if (keyPair ? !old.algorithm().isAsymmetric() || id.publicHalf() : !symmetric) {
            throw new KmipObjectException(
                ResultReason.INVALID_OBJECT_TYPE,
                keyPair
                    ? "Re-key Key Pair replaces an RSA or EC key pair, named by its private key"
                    : "Re-key replaces symmetric keys; use Re-key Key Pair for a key pair");
          }
          KmipObjectRecord was = objects.record(old.id());
          KmipObjectRecord previous = was != null ? was : KmipObjectRecord.defaultsFor(old);
          ObjectTemplate asked = ObjectTemplate.parse(attributes);
          requireSame(asked, old, previous);
          ObjectTemplate t = successor(previous, asked, offsetSeconds, Clock.now());
          CreateObjectCommand create =
              objects.newObject(
                  principal,
                  objects.vault(old.vaultId()),
                  old.algorithm(),
                  KeyMaterial.generate(old.algorithm()),
                  t,
                  null);
          return objects.submit(
              new LinkedCreateCommand(
                  create,
                  List.of(old.id()),
                  LinkType.REPLACEMENT_OBJECT_LINK,
                  LinkType.REPLACED_OBJECT_LINK,
                  true));
        });
  }

  /** Refuses attributes that would make the replacement a different kind of key. */
  private static void requireSame(ObjectTemplate asked, KeyRecord old, KmipObjectRecord previous) {
    CryptographicAlgorithm algorithm = KmipMapping.algorithm(old.algorithm());
    int mask =
        previous.usageMask() != null
            ? previous.usageMask()
            : KmipMapping.defaultUsageMask(old.algorithm(), false);
    boolean differs =
        (asked.objectType() != null
                && asked.objectType() != KmipMapping.objectType(old.algorithm(), false).value())
            || (asked.algorithm() != null && asked.algorithm() != algorithm.value())
            || (asked.length() != null && asked.length() != old.algorithm().bits())
            || (asked.usageMask() != null && asked.usageMask() != mask);
    if (differs) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE_VALUE,
          "a replacement has the object type, algorithm, length and usage mask of the key it"
              + " replaces");
    }
  }

  /**
   * The replacement's attributes: the old key's, with the dates the Offset gives, and what the
   * request adds. Names are not here: the command moves them when it is applied.
   */
  private static ObjectTemplate successor(
      KmipObjectRecord previous, ObjectTemplate asked, Long offsetSeconds, Instant now) {
    Instant activation = previous.activationDate();
    Instant deactivation = previous.deactivationDate();
    if (offsetSeconds != null) {
      Instant shifted = now.plusSeconds(offsetSeconds);
      deactivation =
          activation != null && deactivation != null
              ? deactivation.plus(Duration.between(activation, shifted))
              : null;
      activation = shifted;
    }
    if (asked.activationDate() != null) {
      activation = asked.activationDate();
    }
    if (asked.deactivationDate() != null) {
      deactivation = asked.deactivationDate();
    }
    if (activation != null && deactivation != null && !deactivation.isAfter(activation)) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE_VALUE,
          "the replacement's Deactivation Date must come after its Activation Date");
    }
    return new ObjectTemplate(
        null,
        null,
        null,
        previous.usageMask(),
        asked.names(),
        concat(previous.objectGroups(), asked.groups()),
        asked.contact() != null ? asked.contact() : previous.contactInformation(),
        concat(previous.custom(), asked.custom()),
        asked.links(),
        activation,
        deactivation,
        previous.sensitive() || asked.sensitive(),
        previous.extractable() && asked.extractable());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  // ---- Derive Key ------------------------------------------------------------------------------

  /**
   * A base object of Derive Key, checked and with its material.
   *
   * @param keyId the Clavis key behind it
   * @param vaultId the vault the key, and so the derived object, lives in
   */
  public record DerivationBase(
      String uniqueIdentifier,
      String keyId,
      String vaultId,
      ObjectType type,
      KeyAlgorithm algorithm,
      SecretBytes secret) {}

  /**
   * The base object of a derivation: a Symmetric Key or Secret Data the principal may {@code use},
   * whose Cryptographic Usage Mask has the Derive Key bit, and which is Active.
   *
   * @throws KmipObjectException INVALID_OBJECT_TYPE, INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK or
   *     WRONG_KEY_LIFECYCLE_STATE
   */
  public DerivationBase derivationBase(Principal principal, String uniqueIdentifier) {
    return ManagedObjects.kmip(
        () -> {
          ObjectId id = ObjectId.parse(uniqueIdentifier);
          KeyRecord key = objects.authorized(principal, id, DERIVE_KEY, Verb.USE);
          ObjectView view = ObjectView.of(id, key, objects.record(key.id()));
          ObjectType type = view.objectType();
          if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.SECRET_DATA) {
            throw new KmipObjectException(
                ResultReason.INVALID_OBJECT_TYPE,
                "keys are derived from a Symmetric Key or Secret Data, not a " + type.kmipName());
          }
          int mask =
              view.attributes()
                  .first(StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK)
                  .map(KmipAttribute::intValue)
                  .orElse(0);
          if ((mask & CryptographicUsageMask.DERIVE_KEY.value()) == 0) {
            throw new KmipObjectException(
                ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
                "object " + id + " does not have Derive Key in its Cryptographic Usage Mask");
          }
          if (key.state() != KeyState.ENABLED) {
            throw KmipObjectException.wrongState("object " + id + " is not Active");
          }
          return new DerivationBase(
              id.uniqueIdentifier(),
              key.id(),
              key.vaultId(),
              type,
              key.algorithm(),
              objects.currentSecret(key));
        });
  }

  /**
   * Stores what a derivation produced as a new Symmetric Key (AES or HMAC, of the template's
   * algorithm and length) or Secret Data (of type Seed), in the first base object's vault, linked
   * to its base objects (Derivation Base Object) and they to it (Derived Key). It is Pre-Active
   * unless the attributes give an Activation Date that has passed, and Extractable unless they say
   * otherwise. Needs {@code manage keys} on that vault.
   *
   * @param value the derived bytes, as long as the template's Cryptographic Length says
   * @param attributes the template, with its Cryptographic Length (for Secret Data only the length
   *     of the value, not kept)
   */
  public String derive(
      Principal principal,
      ObjectType type,
      List<DerivationBase> bases,
      SecretBytes value,
      KmipAttributes attributes) {
    return ManagedObjects.kmip(
        () -> {
          if (bases.isEmpty()) {
            throw new KmipObjectException(ResultReason.MISSING_DATA, "no base object");
          }
          List<String> sources = bases.stream().map(DerivationBase::keyId).toList();
          Vault vault = objects.vault(bases.get(0).vaultId());
          objects.authorizeIn(principal, DERIVE_KEY, Verb.MANAGE, vault);
          ObjectTemplate t = ObjectTemplate.parse(attributes);
          if (t.objectType() != null && t.objectType() != type.value()) {
            throw new KmipObjectException(
                ResultReason.INVALID_ATTRIBUTE_VALUE,
                "the Object Type attribute does not match the object, a " + type.kmipName());
          }
          KeyAlgorithm algorithm;
          Integer dataType = null;
          if (type == ObjectType.SYMMETRIC_KEY) {
            if (t.algorithm() == null) {
              throw new KmipObjectException(
                  ResultReason.MISSING_DATA, "a derived key needs a Cryptographic Algorithm");
            }
            algorithm = KmipMapping.symmetric(t.algorithm(), t.length());
          } else if (type == ObjectType.SECRET_DATA) {
            if (t.algorithm() != null) {
              throw new KmipObjectException(
                  ResultReason.INVALID_ATTRIBUTE, "Secret Data has no Cryptographic Algorithm");
            }
            algorithm = KeyAlgorithm.SECRET_DATA;
            dataType = SecretDataType.SEED.value();
            t = withoutLength(t);
          } else {
            throw new KmipObjectException(
                ResultReason.INVALID_OBJECT_TYPE,
                "Derive Key makes a Symmetric Key or Secret Data, not a " + type.kmipName());
          }
          CreateObjectCommand create =
              objects.newObject(
                  principal,
                  vault,
                  algorithm,
                  KeyMaterial.fromSecret(algorithm, value, null),
                  t,
                  dataType);
          return objects.submit(
              new LinkedCreateCommand(
                  create,
                  sources,
                  LinkType.DERIVED_KEY_LINK,
                  LinkType.DERIVATION_BASE_OBJECT_LINK,
                  false));
        });
  }

  private static ObjectTemplate withoutLength(ObjectTemplate t) {
    return new ObjectTemplate(
        t.objectType(),
        t.algorithm(),
        null,
        t.usageMask(),
        t.names(),
        t.groups(),
        t.contact(),
        t.custom(),
        t.links(),
        t.activationDate(),
        t.deactivationDate(),
        t.sensitive(),
        t.extractable());
  }
}
