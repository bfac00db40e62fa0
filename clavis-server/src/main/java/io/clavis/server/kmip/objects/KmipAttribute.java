package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.KmipEnum;
import io.clavis.kmip.spec.ResultReason;
import java.time.Instant;
import java.util.Objects;

/**
 * One attribute instance of a managed object: which attribute and its value.
 *
 * <p>The constructor enforces that a standard attribute holds a value of its {@linkplain
 * StandardAttribute.Kind kind} (an Object Type is an Enumeration of a known Object Type, a Name a
 * Name structure), so code that holds a {@code KmipAttribute} never re-checks the shape. Custom
 * attributes hold any primitive value.
 */
public record KmipAttribute(KmipAttributeName name, KmipValue value) {

  /**
   * Checks the value against the attribute.
   *
   * @throws KmipObjectException INVALID_ATTRIBUTE_VALUE if the value does not fit the attribute
   */
  public KmipAttribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.standard() != null) {
      checkStandard(name.standard(), value);
    } else if (value instanceof KmipValue.NameValue
        || value instanceof KmipValue.RevocationReasonValue
        || value instanceof KmipValue.LinkValue) {
      throw invalidValue(name, "holds a primitive value, not a structure");
    }
  }

  public static KmipAttribute of(StandardAttribute attribute, KmipValue value) {
    return new KmipAttribute(KmipAttributeName.of(attribute), value);
  }

  /** A Name of type Uninterpreted Text String. */
  public static KmipAttribute name(String name) {
    return of(StandardAttribute.NAME, KmipValue.NameValue.text(name));
  }

  public static KmipAttribute text(StandardAttribute attribute, String value) {
    return of(attribute, new KmipValue.Text(value));
  }

  public static KmipAttribute integer(StandardAttribute attribute, int value) {
    return of(attribute, new KmipValue.IntegerValue(value));
  }

  public static KmipAttribute enumeration(StandardAttribute attribute, KmipEnum value) {
    return of(attribute, new KmipValue.EnumerationValue(value.value()));
  }

  public static KmipAttribute bool(StandardAttribute attribute, boolean value) {
    return of(attribute, new KmipValue.BooleanValue(value));
  }

  public static KmipAttribute date(StandardAttribute attribute, Instant value) {
    return of(attribute, new KmipValue.DateTimeValue(value));
  }

  /** A custom attribute: {@code x-name} in KMIP 1.x, a Vendor Attribute in 2.x. */
  public static KmipAttribute custom(String vendor, String name, KmipValue value) {
    return new KmipAttribute(KmipAttributeName.custom(vendor, name), value);
  }

  /** Returns the text of a Text String value (or of a Name). */
  public String textValue() {
    return switch (value) {
      case KmipValue.Text t -> t.value();
      case KmipValue.NameValue n -> n.value();
      default -> throw new IllegalStateException(name + " is not text");
    };
  }

  /** Returns the number of an Integer or Enumeration value. */
  public int intValue() {
    return switch (value) {
      case KmipValue.IntegerValue i -> i.value();
      case KmipValue.EnumerationValue e -> e.value();
      default -> throw new IllegalStateException(name + " is not an integer");
    };
  }

  /** Returns the value of a Boolean value. */
  public boolean boolValue() {
    if (value instanceof KmipValue.BooleanValue b) {
      return b.value();
    }
    throw new IllegalStateException(name + " is not a boolean");
  }

  /** Returns the instant of a Date-Time value. */
  public Instant instant() {
    if (value instanceof KmipValue.DateTimeValue d) {
      return d.value();
    }
    throw new IllegalStateException(name + " is not a date");
  }

  private static void checkStandard(StandardAttribute attribute, KmipValue value) {
    boolean fits =
        switch (attribute.kind()) {
          case TEXT -> value instanceof KmipValue.Text;
          case INTEGER -> value instanceof KmipValue.IntegerValue;
          case ENUMERATION -> value instanceof KmipValue.EnumerationValue;
          case BOOLEAN -> value instanceof KmipValue.BooleanValue;
          case DATE_TIME -> value instanceof KmipValue.DateTimeValue;
          case NAME -> value instanceof KmipValue.NameValue;
          case REVOCATION_REASON -> value instanceof KmipValue.RevocationReasonValue;
          case LINK -> value instanceof KmipValue.LinkValue;
        };
    KmipAttributeName name = KmipAttributeName.of(attribute);
    if (!fits) {
      throw invalidValue(
          name, "holds a " + attribute.kind().name().toLowerCase().replace('_', ' '));
    }
    if (value instanceof KmipValue.EnumerationValue e && !known(attribute, e.value())) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE_VALUE,
          String.format("%s has no value 0x%08X", attribute.kmipName(), e.value()));
    }
    if (value instanceof KmipValue.Text t && t.value().length() > 1024) {
      throw invalidValue(name, "holds at most 1024 characters");
    }
    if (value instanceof KmipValue.NameValue n
        && (n.value().isEmpty() || n.value().length() > 1024)) {
      throw invalidValue(name, "holds 1 to 1024 characters");
    }
    if (value instanceof KmipValue.LinkValue l
        && (l.linkedObjectIdentifier().isEmpty() || l.linkedObjectIdentifier().length() > 200)) {
      throw invalidValue(name, "names an object by an identifier of 1 to 200 characters");
    }
  }

  private static boolean known(StandardAttribute attribute, int value) {
    for (KmipEnum constant : attribute.enumeration().getEnumConstants()) {
      if (constant.value() == value) {
        return true;
      }
    }
    return false;
  }

  private static KmipObjectException invalidValue(KmipAttributeName name, String what) {
    return new KmipObjectException(ResultReason.INVALID_ATTRIBUTE_VALUE, name + " " + what);
  }
}
