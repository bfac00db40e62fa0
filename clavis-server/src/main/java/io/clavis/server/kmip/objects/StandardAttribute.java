package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KmipEnum;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.State;
import io.clavis.kmip.spec.Tag;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The KMIP attributes Clavis keeps for a managed object, with what the codec and the service need
 * to know about each: its name (the 1.x Attribute Name), its tag (the 2.x encoding), the shape of
 * its value, whether an object may hold several, and who may change it.
 *
 * <p>Attributes outside this table are refused as unsupported rather than stored blindly: an
 * attribute Clavis does not understand could carry a meaning (a usage limit, a link) the server
 * would then silently fail to honour.
 */
public enum StandardAttribute {
  UNIQUE_IDENTIFIER(
      "Unique Identifier", Tag.UNIQUE_IDENTIFIER, Kind.TEXT, false, Mutability.SERVER, null),
  NAME("Name", Tag.NAME, Kind.NAME, true, Mutability.CLIENT, null),
  OBJECT_TYPE(
      "Object Type",
      Tag.OBJECT_TYPE,
      Kind.ENUMERATION,
      false,
      Mutability.ON_CREATE,
      ObjectType.class),
  CRYPTOGRAPHIC_ALGORITHM(
      "Cryptographic Algorithm",
      Tag.CRYPTOGRAPHIC_ALGORITHM,
      Kind.ENUMERATION,
      false,
      Mutability.ON_CREATE,
      CryptographicAlgorithm.class),
  CRYPTOGRAPHIC_LENGTH(
      "Cryptographic Length",
      Tag.CRYPTOGRAPHIC_LENGTH,
      Kind.INTEGER,
      false,
      Mutability.ON_CREATE,
      null),
  CRYPTOGRAPHIC_USAGE_MASK(
      "Cryptographic Usage Mask",
      Tag.CRYPTOGRAPHIC_USAGE_MASK,
      Kind.INTEGER,
      false,
      Mutability.ON_CREATE,
      null),
  STATE("State", Tag.STATE, Kind.ENUMERATION, false, Mutability.SERVER, State.class),
  INITIAL_DATE("Initial Date", Tag.INITIAL_DATE, Kind.DATE_TIME, false, Mutability.SERVER, null),
  ACTIVATION_DATE(
      "Activation Date", Tag.ACTIVATION_DATE, Kind.DATE_TIME, false, Mutability.ON_CREATE, null),
  DEACTIVATION_DATE(
      "Deactivation Date",
      Tag.DEACTIVATION_DATE,
      Kind.DATE_TIME,
      false,
      Mutability.ON_CREATE,
      null),
  COMPROMISE_OCCURRENCE_DATE(
      "Compromise Occurrence Date",
      Tag.COMPROMISE_OCCURRENCE_DATE,
      Kind.DATE_TIME,
      false,
      Mutability.SERVER,
      null),
  COMPROMISE_DATE(
      "Compromise Date", Tag.COMPROMISE_DATE, Kind.DATE_TIME, false, Mutability.SERVER, null),
  DESTROY_DATE("Destroy Date", Tag.DESTROY_DATE, Kind.DATE_TIME, false, Mutability.SERVER, null),
  REVOCATION_REASON(
      "Revocation Reason",
      Tag.REVOCATION_REASON,
      Kind.REVOCATION_REASON,
      false,
      Mutability.SERVER,
      null),
  LINK("Link", Tag.LINK, Kind.LINK, true, Mutability.CLIENT, null),
  OBJECT_GROUP("Object Group", Tag.OBJECT_GROUP, Kind.TEXT, true, Mutability.CLIENT, null),
  CONTACT_INFORMATION(
      "Contact Information", Tag.CONTACT_INFORMATION, Kind.TEXT, false, Mutability.CLIENT, null),
  LAST_CHANGE_DATE(
      "Last Change Date", Tag.LAST_CHANGE_DATE, Kind.DATE_TIME, false, Mutability.SERVER, null),
  SENSITIVE("Sensitive", Tag.SENSITIVE, Kind.BOOLEAN, false, Mutability.TIGHTEN_ONLY, null),
  ALWAYS_SENSITIVE(
      "Always Sensitive", Tag.ALWAYS_SENSITIVE, Kind.BOOLEAN, false, Mutability.SERVER, null),
  EXTRACTABLE("Extractable", Tag.EXTRACTABLE, Kind.BOOLEAN, false, Mutability.TIGHTEN_ONLY, null),
  NEVER_EXTRACTABLE(
      "Never Extractable", Tag.NEVER_EXTRACTABLE, Kind.BOOLEAN, false, Mutability.SERVER, null);

  /** The shape of an attribute's value. */
  public enum Kind {
    TEXT,
    INTEGER,
    ENUMERATION,
    BOOLEAN,
    DATE_TIME,
    /** A Name structure: Name Value and Name Type. */
    NAME,
    /** A Revocation Reason structure: Revocation Reason Code and an optional Revocation Message. */
    REVOCATION_REASON,
    /** A Link structure: Link Type and Linked Object Identifier. */
    LINK
  }

  /**
   * Who may set or change an attribute, after the rules of KMIP 1.4 section 3 and 2.0 section 4.
   */
  public enum Mutability {
    /** Only the server sets it (dates of the lifecycle, state, identifiers). */
    SERVER,
    /** The client may give it when it creates or registers the object, never change it later. */
    ON_CREATE,
    /** The client may add, modify and delete it at any time. */
    CLIENT,
    /**
     * The client may change it only towards more protection: Sensitive from false to true,
     * Extractable from true to false. The other direction would undo a promise made about the key.
     */
    TIGHTEN_ONLY
  }

  private static final Map<String, StandardAttribute> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(a -> a.kmipName, a -> a));
  private static final Map<Integer, StandardAttribute> BY_TAG =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(a -> a.tag, Function.identity()));

  private final String kmipName;
  private final int tag;
  private final Kind kind;
  private final boolean multiValued;
  private final Mutability mutability;
  private final Class<? extends KmipEnum> enumeration;

  StandardAttribute(
      String kmipName,
      int tag,
      Kind kind,
      boolean multiValued,
      Mutability mutability,
      Class<? extends KmipEnum> enumeration) {
    this.kmipName = kmipName;
    this.tag = tag;
    this.kind = kind;
    this.multiValued = multiValued;
    this.mutability = mutability;
    this.enumeration = enumeration;
  }

  /** Returns the name a KMIP 1.x Attribute structure carries, such as {@code Object Group}. */
  public String kmipName() {
    return kmipName;
  }

  /** Returns the tag of the attribute's item in a KMIP 2.x Attributes structure. */
  public int tag() {
    return tag;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether an object may hold several instances (Name, Link, Object Group). */
  public boolean multiValued() {
    return multiValued;
  }

  public Mutability mutability() {
    return mutability;
  }

  /** Returns the enumeration an ENUMERATION attribute holds, or null. */
  public Class<? extends KmipEnum> enumeration() {
    return enumeration;
  }

  /** Returns the first KMIP version that defines the attribute. */
  public KmipVersion since() {
    return switch (this) {
      case SENSITIVE, ALWAYS_SENSITIVE, EXTRACTABLE, NEVER_EXTRACTABLE -> KmipVersion.V1_4;
      default -> KmipVersion.V1_0;
    };
  }

  /** Returns the attribute with this 1.x name (exact, as the specification spells it), or empty. */
  public static Optional<StandardAttribute> byName(String kmipName) {
    return Optional.ofNullable(BY_NAME.get(kmipName));
  }

  /** Returns the attribute whose 2.x item has this tag, or empty. */
  public static Optional<StandardAttribute> byTag(int tag) {
    return Optional.ofNullable(BY_TAG.get(tag));
  }
}
