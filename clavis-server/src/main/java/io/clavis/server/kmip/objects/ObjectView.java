package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.LinkType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One managed object as KMIP sees it: the attributes of a Clavis key (or of the public half of an
 * asymmetric key), computed from the key record and the KMIP record, and matched against Locate
 * criteria.
 *
 * <p>Computed on every read rather than stored, so that what REST does to a key (disable, schedule
 * deletion, rotate) shows in KMIP at once without a second write that could be forgotten.
 */
record ObjectView(ObjectId id, KeyRecord key, KmipObjectRecord record) {

  static ObjectView of(ObjectId id, KeyRecord key, KmipObjectRecord recordOrNull) {
    return new ObjectView(
        id, key, recordOrNull != null ? recordOrNull : KmipObjectRecord.defaultsFor(key));
  }

  ObjectType objectType() {
    return KmipMapping.objectType(key.algorithm(), id.publicHalf());
  }

  /** Every attribute of the object, in a stable order. */
  KmipAttributes attributes() {
    List<KmipAttribute> out = new ArrayList<>();
    out.add(KmipAttribute.text(StandardAttribute.UNIQUE_IDENTIFIER, id.uniqueIdentifier()));
    out.add(KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, objectType()));
    CryptographicAlgorithm algorithm = KmipMapping.algorithm(key.algorithm());
    if (algorithm != null) {
      out.add(KmipAttribute.enumeration(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, algorithm));
      out.add(
          KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, key.algorithm().bits()));
    }
    if (record.usageMask() != null && !id.publicHalf()) {
      out.add(
          KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK, record.usageMask()));
    } else if (key.algorithm().isKey() || key.algorithm().keyPairOfPublicKey().isPresent()) {
      out.add(
          KmipAttribute.integer(
              StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK,
              KmipMapping.defaultUsageMask(key.algorithm(), id.publicHalf())));
    }
    if (!id.publicHalf()) {
      record.names().forEach(n -> out.add(KmipAttribute.of(StandardAttribute.NAME, n)));
    }
    out.add(KmipAttribute.enumeration(StandardAttribute.STATE, KmipMapping.state(key, record)));
    out.add(KmipAttribute.date(StandardAttribute.INITIAL_DATE, key.createdAt()));
    addDate(out, StandardAttribute.ACTIVATION_DATE, record.activationDate());
    addDate(out, StandardAttribute.DEACTIVATION_DATE, record.deactivationDate());
    addDate(out, StandardAttribute.COMPROMISE_OCCURRENCE_DATE, record.compromiseOccurrenceDate());
    addDate(out, StandardAttribute.COMPROMISE_DATE, record.compromiseDate());
    addDate(
        out,
        StandardAttribute.DESTROY_DATE,
        record.destroyDate() != null
            ? record.destroyDate()
            : key.state() == KeyState.DESTROYED ? key.deletionTime() : null);
    if (record.revocationReason() != null) {
      out.add(KmipAttribute.of(StandardAttribute.REVOCATION_REASON, record.revocationReason()));
    }
    out.addAll(links());
    if (!id.publicHalf()) {
      record
          .objectGroups()
          .forEach(g -> out.add(KmipAttribute.text(StandardAttribute.OBJECT_GROUP, g)));
      if (record.contactInformation() != null) {
        out.add(
            KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, record.contactInformation()));
      }
    }
    out.add(KmipAttribute.date(StandardAttribute.LAST_CHANGE_DATE, lastChange()));
    // A public key is never secret: not sensitive, always extractable.
    boolean publicHalf = id.publicHalf();
    out.add(KmipAttribute.bool(StandardAttribute.SENSITIVE, !publicHalf && record.sensitive()));
    out.add(
        KmipAttribute.bool(
            StandardAttribute.ALWAYS_SENSITIVE, !publicHalf && record.alwaysSensitive()));
    out.add(KmipAttribute.bool(StandardAttribute.EXTRACTABLE, publicHalf || record.extractable()));
    out.add(
        KmipAttribute.bool(
            StandardAttribute.NEVER_EXTRACTABLE, !publicHalf && record.neverExtractable()));
    if (!publicHalf) {
      out.addAll(record.custom());
    }
    return new KmipAttributes(out);
  }

  /**
   * The object's links. A key pair is one key, so the links between its halves are computed, and
   * the public half follows the private one's replacement links, pointing at the other key's public
   * half; other stored links belong to the private key (or the symmetric key, or data object).
   */
  private List<KmipAttribute> links() {
    List<KmipAttribute> out = new ArrayList<>();
    for (KmipValue.LinkValue l : record.links()) {
      if (!id.publicHalf()) {
        out.add(KmipAttribute.of(StandardAttribute.LINK, l));
      } else if (l.linkType() == LinkType.REPLACEMENT_OBJECT_LINK
          || l.linkType() == LinkType.REPLACED_OBJECT_LINK) {
        out.add(link(l.linkType(), l.linkedObjectIdentifier() + ObjectId.PUBLIC_SUFFIX));
      }
    }
    // After the stored ones, so that a 1.x Attribute Index names the same stored link in an edit.
    if (key.algorithm().isAsymmetric()) {
      out.add(
          link(
              id.publicHalf() ? LinkType.PRIVATE_KEY_LINK : LinkType.PUBLIC_KEY_LINK,
              new ObjectId(key.id(), !id.publicHalf()).uniqueIdentifier()));
    }
    return out;
  }

  private static KmipAttribute link(LinkType type, String uniqueIdentifier) {
    return KmipAttribute.of(
        StandardAttribute.LINK, new KmipValue.LinkValue(type, uniqueIdentifier));
  }

  private Instant lastChange() {
    Instant kmip = record.lastChangeDate();
    return kmip != null && kmip.isAfter(key.updatedAt()) ? kmip : key.updatedAt();
  }

  /**
   * Whether the object has every attribute of the criteria. A value matches an instance equal to
   * it; two instances of one date attribute are a range, inclusive at both ends (KMIP Locate).
   */
  boolean matches(KmipAttributes criteria) {
    if (criteria.isEmpty()) {
      return true;
    }
    KmipAttributes mine = attributes();
    Map<KmipAttributeName, List<KmipValue>> wanted = new LinkedHashMap<>();
    for (KmipAttribute c : criteria.list()) {
      wanted.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c.value());
    }
    for (Map.Entry<KmipAttributeName, List<KmipValue>> e : wanted.entrySet()) {
      List<KmipValue> have = mine.all(e.getKey()).stream().map(KmipAttribute::value).toList();
      List<KmipValue> want = e.getValue();
      if (want.size() == 2
          && want.get(0) instanceof KmipValue.DateTimeValue from
          && want.get(1) instanceof KmipValue.DateTimeValue to) {
        Instant lo = from.value().isBefore(to.value()) ? from.value() : to.value();
        Instant hi = from.value().isBefore(to.value()) ? to.value() : from.value();
        boolean inRange =
            have.stream()
                .anyMatch(
                    v ->
                        v instanceof KmipValue.DateTimeValue d
                            && !d.value().isBefore(lo)
                            && !d.value().isAfter(hi));
        if (!inRange) {
          return false;
        }
      } else if (!have.containsAll(want)) {
        return false;
      }
    }
    return true;
  }

  private static void addDate(List<KmipAttribute> out, StandardAttribute attribute, Instant at) {
    if (at != null) {
      out.add(KmipAttribute.date(attribute, at));
    }
  }
}
