package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.ResultReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The attributes a client gives when it creates or registers an object, checked and sorted into
 * what Clavis does with each: the ones that choose the key (algorithm, length), the ones that set
 * its lifecycle (activation and deactivation dates), and the ones simply kept.
 *
 * <p>Attributes only the server sets (State, Initial Date, Unique Identifier, ...) and server
 * custom attributes ({@code y-}) are refused, as are two instances of a single-valued attribute.
 */
record ObjectTemplate(
    Integer objectType,
    Integer algorithm,
    Integer length,
    Integer usageMask,
    List<KmipValue.NameValue> names,
    List<String> groups,
    String contact,
    List<KmipAttribute> custom,
    List<KmipValue.LinkValue> links,
    Instant activationDate,
    Instant deactivationDate,
    boolean sensitive,
    boolean extractable) {

  /**
   * Sorts and checks the attributes.
   *
   * @throws KmipObjectException ATTRIBUTE_READ_ONLY, ATTRIBUTE_SINGLE_VALUED or
   *     INVALID_ATTRIBUTE_VALUE
   */
  static ObjectTemplate parse(KmipAttributes attributes) {
    Integer objectType = null;
    Integer algorithm = null;
    Integer length = null;
    Integer usageMask = null;
    List<KmipValue.NameValue> names = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    String contact = null;
    List<KmipAttribute> custom = new ArrayList<>();
    List<KmipValue.LinkValue> links = new ArrayList<>();
    Instant activation = null;
    Instant deactivation = null;
    boolean sensitive = false;
    boolean extractable = true;
    Set<StandardAttribute> seen = new HashSet<>();
    for (KmipAttribute a : attributes.list()) {
      KmipAttributeName name = a.name();
      if (name.isCustom()) {
        AttributeEdit.checkWritable(name);
        custom.add(a);
        continue;
      }
      StandardAttribute s = name.standard();
      if (s.mutability() == StandardAttribute.Mutability.SERVER) {
        throw new KmipObjectException(
            ResultReason.ATTRIBUTE_READ_ONLY, name + " is set by the server");
      }
      if (!s.multiValued() && !seen.add(s)) {
        throw new KmipObjectException(
            ResultReason.ATTRIBUTE_SINGLE_VALUED, name + " is given more than once");
      }
      switch (s) {
        case OBJECT_TYPE -> objectType = a.intValue();
        case CRYPTOGRAPHIC_ALGORITHM -> algorithm = a.intValue();
        case CRYPTOGRAPHIC_LENGTH -> length = positive(a);
        case CRYPTOGRAPHIC_USAGE_MASK -> usageMask = a.intValue();
        case NAME -> names.add((KmipValue.NameValue) a.value());
        case LINK -> links.add((KmipValue.LinkValue) a.value());
        case OBJECT_GROUP -> groups.add(a.textValue());
        case CONTACT_INFORMATION -> contact = a.textValue();
        case ACTIVATION_DATE -> activation = a.instant();
        case DEACTIVATION_DATE -> deactivation = a.instant();
        case SENSITIVE -> sensitive = a.boolValue();
        case EXTRACTABLE -> extractable = a.boolValue();
        default -> throw new IllegalStateException(s + " has no place in a template");
      }
    }
    if (activation != null && deactivation != null && !deactivation.isAfter(activation)) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE_VALUE,
          "the Deactivation Date must come after the Activation Date");
    }
    return new ObjectTemplate(
        objectType,
        algorithm,
        length,
        usageMask,
        names,
        groups,
        contact,
        custom,
        links,
        activation,
        deactivation,
        sensitive,
        extractable);
  }

  private static int positive(KmipAttribute a) {
    int v = a.intValue();
    if (v <= 0) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE_VALUE, a.name() + " must be positive");
    }
    return v;
  }
}
