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
 * @param links the Link attributes, in order: those a client set and those the server set (Re-key,
 *     Derive Key); a key pair's computed Public Key / Private Key links are not stored
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
    List<KmipValue.LinkValue> links,
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
    links = links == null ? List.of() : List.copyOf(links);
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
        List.of(),
        false,
        false,
        false,
        true,
        null,
        null);
  }

  KmipObjectRecord withNames(List<KmipValue.NameValue> newNames) {
    Copy c = new Copy(this);
    c.names = newNames;
    return c.build();
  }

  KmipObjectRecord withGroups(List<String> newGroups) {
    Copy c = new Copy(this);
    c.objectGroups = newGroups;
    return c.build();
  }

  KmipObjectRecord withContact(String newContact) {
    Copy c = new Copy(this);
    c.contactInformation = newContact;
    return c.build();
  }

  KmipObjectRecord withCustom(List<KmipAttribute> newCustom) {
    Copy c = new Copy(this);
    c.custom = newCustom;
    return c.build();
  }

  KmipObjectRecord withLinks(List<KmipValue.LinkValue> newLinks) {
    Copy c = new Copy(this);
    c.links = newLinks;
    return c.build();
  }

  KmipObjectRecord withProtection(boolean newSensitive, boolean newExtractable) {
    Copy c = new Copy(this);
    c.sensitive = newSensitive;
    c.alwaysSensitive = alwaysSensitive && newSensitive;
    c.extractable = newExtractable;
    c.neverExtractable = neverExtractable && !newExtractable;
    return c.build();
  }

  /** The lifecycle dates and reason after a transition; null arguments keep the current value. */
  KmipObjectRecord withLifecycle(
      Instant newActivation,
      Instant newDeactivation,
      Instant newCompromiseOccurrence,
      Instant newCompromise,
      Instant newDestroy,
      KmipValue.RevocationReasonValue newReason) {
    Copy c = new Copy(this);
    c.activationDate = newActivation != null ? newActivation : activationDate;
    c.deactivationDate = newDeactivation != null ? newDeactivation : deactivationDate;
    c.compromiseOccurrenceDate =
        newCompromiseOccurrence != null ? newCompromiseOccurrence : compromiseOccurrenceDate;
    c.compromiseDate = newCompromise != null ? newCompromise : compromiseDate;
    c.destroyDate = newDestroy != null ? newDestroy : destroyDate;
    c.revocationReason = newReason != null ? newReason : revocationReason;
    return c.build();
  }

  KmipObjectRecord changedAt(Instant at) {
    Copy c = new Copy(this);
    c.lastChangeDate = at;
    return c.build();
  }

  /** A record's fields, to change a few and build the new record: one place lists them all. */
  private static final class Copy {
    private final String keyId;
    private List<KmipValue.NameValue> names;
    private Integer usageMask;
    private Instant activationDate;
    private Instant deactivationDate;
    private Instant compromiseOccurrenceDate;
    private Instant compromiseDate;
    private Instant destroyDate;
    private KmipValue.RevocationReasonValue revocationReason;
    private List<String> objectGroups;
    private String contactInformation;
    private List<KmipAttribute> custom;
    private List<KmipValue.LinkValue> links;
    private boolean sensitive;
    private boolean alwaysSensitive;
    private boolean extractable;
    private boolean neverExtractable;
    private Integer dataType;
    private Instant lastChangeDate;

    Copy(KmipObjectRecord r) {
      keyId = r.keyId;
      names = r.names;
      usageMask = r.usageMask;
      activationDate = r.activationDate;
      deactivationDate = r.deactivationDate;
      compromiseOccurrenceDate = r.compromiseOccurrenceDate;
      compromiseDate = r.compromiseDate;
      destroyDate = r.destroyDate;
      revocationReason = r.revocationReason;
      objectGroups = r.objectGroups;
      contactInformation = r.contactInformation;
      custom = r.custom;
      links = r.links;
      sensitive = r.sensitive;
      alwaysSensitive = r.alwaysSensitive;
      extractable = r.extractable;
      neverExtractable = r.neverExtractable;
      dataType = r.dataType;
      lastChangeDate = r.lastChangeDate;
    }

    KmipObjectRecord build() {
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
          links,
          sensitive,
          alwaysSensitive,
          extractable,
          neverExtractable,
          dataType,
          lastChangeDate);
    }
  }
}
