package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.ResultReason;
import java.util.Objects;
import java.util.Optional;

/**
 * Which attribute: one of the {@linkplain StandardAttribute standard} ones, or a custom attribute
 * named by a vendor identification and a name.
 *
 * <p>KMIP 1.x names custom attributes {@code x-name} (set by clients) and {@code y-name} (set by
 * servers); KMIP 2.x replaced them with Vendor Attributes and reserved the vendor identifications
 * {@code x} and {@code y} for exactly those 1.x attributes. So {@code x-colour} and the Vendor
 * Attribute ({@code x}, {@code colour}) are the same attribute here, whichever version a client
 * speaks. Attributes of other vendors exist only in 2.x; a 1.x client cannot name them.
 *
 * @param standard the standard attribute, or null for a custom one
 * @param vendor the vendor identification of a custom attribute, or null
 * @param name the name of a custom attribute (without the {@code x-} prefix), or null
 */
public record KmipAttributeName(StandardAttribute standard, String vendor, String name) {
  /** The vendor identification of custom attributes that clients set (1.x {@code x-}). */
  public static final String CLIENT_VENDOR = "x";

  /** The vendor identification of custom attributes that servers set (1.x {@code y-}). */
  public static final String SERVER_VENDOR = "y";

  private static final int MAX_LENGTH = 255;

  public KmipAttributeName {
    if (standard != null) {
      if (vendor != null || name != null) {
        throw new IllegalArgumentException("a standard attribute has no vendor or name");
      }
    } else {
      if (vendor == null || vendor.isEmpty() || vendor.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("a custom attribute needs a vendor identification");
      }
      if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("a custom attribute needs a name");
      }
    }
  }

  public static KmipAttributeName of(StandardAttribute standard) {
    return new KmipAttributeName(Objects.requireNonNull(standard, "standard"), null, null);
  }

  /**
   * A custom (vendor) attribute.
   *
   * @throws KmipObjectException INVALID_ATTRIBUTE if the vendor identification or the name is empty
   *     or longer than 255 characters
   */
  public static KmipAttributeName custom(String vendor, String name) {
    try {
      return new KmipAttributeName(null, vendor, name);
    } catch (IllegalArgumentException e) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE,
          "a vendor attribute needs a vendor identification and a name of 1 to "
              + MAX_LENGTH
              + " characters");
    }
  }

  /**
   * Parses the Attribute Name of a KMIP 1.x Attribute structure.
   *
   * @throws KmipObjectException UNSUPPORTED_ATTRIBUTE for a name that is neither standard (as far
   *     as Clavis keeps it) nor custom
   */
  public static KmipAttributeName parseV1(String attributeName) {
    Optional<StandardAttribute> standard = StandardAttribute.byName(attributeName);
    if (standard.isPresent()) {
      return of(standard.get());
    }
    if (attributeName.length() > 2
        && (attributeName.startsWith(CLIENT_VENDOR + "-")
            || attributeName.startsWith(SERVER_VENDOR + "-"))) {
      return custom(attributeName.substring(0, 1), attributeName.substring(2));
    }
    throw new KmipObjectException(
        ResultReason.UNSUPPORTED_ATTRIBUTE,
        "attribute " + KmipObjectException.quote(attributeName) + " is not supported");
  }

  public boolean isCustom() {
    return standard == null;
  }

  /**
   * Returns the name a KMIP 1.x Attribute structure carries: the standard name, or {@code x-name} /
   * {@code y-name}; empty for a vendor attribute 1.x cannot express.
   */
  public Optional<String> v1Name() {
    if (standard != null) {
      return Optional.of(standard.kmipName());
    }
    if (vendor.equals(CLIENT_VENDOR) || vendor.equals(SERVER_VENDOR)) {
      return Optional.of(vendor + "-" + name);
    }
    return Optional.empty();
  }

  /** Whether several instances may exist: Name, Object Group and every custom attribute. */
  public boolean multiValued() {
    return standard == null || standard.multiValued();
  }

  @Override
  public String toString() {
    return standard != null ? standard.kmipName() : "vendor attribute " + vendor + "/" + name;
  }
}
