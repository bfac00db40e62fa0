package io.clavis.server.kmip.objects;

import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyState;
import java.time.Instant;
import java.util.List;

/**
 * The KMIP attributes of one Clavis key that the key record itself does not hold, replicated under
 * {@code kmip-object/<keyId>} (see docs/adr/0008-kmip-objects.md).
 *
 * <p>Everything KMIP shows that Clavis already knows comes from the {@link KeyRecord}: the unique
 * identifier, the object type and algorithm, the state, the initial date. This record adds what
 * only KMIP has: names, groups, contact, usage mask, lifecycle dates, revocation reason, custom
 * attributes, and the Sensitive and Extractable promises. A key created over REST has no record
 * until a KMIP client changes one of these; until then {@link #defaultsFor} says what KMIP sees.
 *
 * @param names the Name attributes, in order (the 1.x Attribute Index is the position)
 * @param usageMask the Cryptographic Usage Mask the client gave, or null for the algorithm's
 *     default
 * @param objectGroups the Object Group attributes, in order
 * @param custom the custom and vendor attributes, in order
 * @param sensitive whether Get refuses the material whatever Extractable says
 * @param alwaysSensitive whether Sensitive has been true since the object was created
 * @param extractable whether Get may return the material; only ever goes from true to false
 * @param neverExtractable whether Extractable has been false since the object was created
 * @param dataType the Secret Data Type, Opaque Data Type or Certificate Type of a data object
 */
public record KmipObjectRecord(
    String keyId,
    List<KmipValue.NameValue> names,
    Integer usageMask,
    Instant activationDate,
    Instant deactivationDate,
    Instant compromiseOccurrenceDate,
    Instant compromiseDate,
    Instant destroyDate,
    KmipValue.RevocationReasonValue revocationReason,
    List<String> objectGroups,
    String contactInformation,
    List<KmipAttribute> custom,
    boolean sensitive,
    boolean alwaysSensitive,
    boolean extractable,
    boolean neverExtractable,
    Integer dataType,
    Instant lastChangeDate) {

  public KmipObjectRecord {
    names = names == null ? List.of() : List.copyOf(names);
    objectGroups = objectGroups == null ? List.of() : List.copyOf(objectGroups);
    custom = custom == null ? List.of() : List.copyOf(custom);
  }

  public static String key(String keyId) {
    return "kmip-object/" + keyId;
  }

  /**
   * What KMIP sees of a key no KMIP client has touched: a key created over REST. Its Clavis name is
   * its one Name, it was activated when it was created, and its material was never extractable.
   */
  public static KmipObjectRecord defaultsFor(KeyRecord key) {
    return new KmipObjectRecord(
        key.id(),
        List.of(KmipValue.NameValue.text(key.name())),
        null,
        key.state() == KeyState.PRE_ACTIVE ? null : key.createdAt(),
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        List.of(),
        false,
        false,
        false,
        true,
        null,
        null);
  }

  KmipObjectRecord withNames(List<KmipValue.NameValue> newNames) {
    return new KmipObjectRecord(
        keyId,
        newNames,
        usageMask,
        activationDate,
        deactivationDate,
        compromiseOccurrenceDate,
        compromiseDate,
        destroyDate,
        revocationReason,
        objectGroups,
        contactInformation,
        custom,
        sensitive,
        alwaysSensitive,
        extractable,
        neverExtractable,
        dataType,
        lastChangeDate);
  }

  KmipObjectRecord withGroups(List<String> newGroups) {
    return new KmipObjectRecord(
        keyId,
        names,
        usageMask,
        activationDate,
        deactivationDate,
        compromiseOccurrenceDate,
        compromiseDate,
        destroyDate,
        revocationReason,
        newGroups,
        contactInformation,
        custom,
        sensitive,
        alwaysSensitive,
        extractable,
        neverExtractable,
        dataType,
        lastChangeDate);
  }

  KmipObjectRecord withContact(String newContact) {
    return new KmipObjectRecord(
        keyId,
        names,
        usageMask,
        activationDate,
        deactivationDate,
        compromiseOccurrenceDate,
        compromiseDate,
        destroyDate,
        revocationReason,
        objectGroups,
        newContact,
        custom,
        sensitive,
        alwaysSensitive,
        extractable,
        neverExtractable,
        dataType,
        lastChangeDate);
  }

  KmipObjectRecord withCustom(List<KmipAttribute> newCustom) {
    return new KmipObjectRecord(
        keyId,
        names,
        usageMask,
        activationDate,
        deactivationDate,
        compromiseOccurrenceDate,
        compromiseDate,
        destroyDate,
        revocationReason,
        objectGroups,
        contactInformation,
        newCustom,
        sensitive,
        alwaysSensitive,
        extractable,
        neverExtractable,
        dataType,
        lastChangeDate);
  }

  KmipObjectRecord withProtection(boolean newSensitive, boolean newExtractable) {
    return new KmipObjectRecord(
        keyId,
        names,
        usageMask,
        activationDate,
        deactivationDate,
        compromiseOccurrenceDate,
        compromiseDate,
        destroyDate,
        revocationReason,
        objectGroups,
        contactInformation,
        custom,
        newSensitive,
        alwaysSensitive && newSensitive,
        newExtractable,
        neverExtractable && !newExtractable,
        dataType,
        lastChangeDate);
  }

  /** The lifecycle dates and reason after a transition; null arguments keep the current value. */
  KmipObjectRecord withLifecycle(
      Instant newActivation,
      Instant newDeactivation,
      Instant newCompromiseOccurrence,
      Instant newCompromise,
      Instant newDestroy,
      KmipValue.RevocationReasonValue newReason) {
    return new KmipObjectRecord(
        keyId,
        names,
        usageMask,
        newActivation != null ? newActivation : activationDate,
        newDeactivation != null ? newDeactivation : deactivationDate,
        newCompromiseOccurrence != null ? newCompromiseOccurrence : compromiseOccurrenceDate,
        newCompromise != null ? newCompromise : compromiseDate,
        newDestroy != null ? newDestroy : destroyDate,
        newReason != null ? newReason : revocationReason,
        objectGroups,
        contactInformation,
        custom,
        sensitive,
        alwaysSensitive,
        extractable,
        neverExtractable,
        dataType,
        lastChangeDate);
  }

  KmipObjectRecord changedAt(Instant at) {
    return new KmipObjectRecord(
        keyId,
        names,
        usageMask,
        activationDate,
        deactivationDate,
        compromiseOccurrenceDate,
        compromiseDate,
        destroyDate,
        revocationReason,
        objectGroups,
        contactInformation,
        custom,
        sensitive,
        alwaysSensitive,
        extractable,
        neverExtractable,
        dataType,
        at);
  }
}
