package io.clavis.kmip.spec;

import java.util.List;
import java.util.Optional;

/**
 * The KMIP enumeration and bit mask tables (KMIP 1.4 sections 9.1.3.2 and 9.1.3.3, with the KMIP
 * 2.0 additions merged in): for each enumeration, its values by name and the tags that carry it.
 *
 * <p>Used to name values in logs and by tests to check the Java enums of this package. A tag maps
 * to an enumeration only for items of type Enumeration (or Integer, for masks); the registry links
 * the 2.0 Data enumeration to the Data tag, which in 1.x messages is a Byte String.
 */
public final class KmipEnumerations {
  private KmipEnumerations() {}

  /** Returns the enumeration with this name, such as {@code Operation}, or empty. */
  public static Optional<EnumerationDefinition> byName(String name) {
    return Optional.ofNullable(Registry.standard().enumerationsByName().get(Names.canonical(name)));
  }

  /** Returns the enumeration carried by items with this tag, or empty. */
  public static Optional<EnumerationDefinition> forTag(int tag) {
    return Optional.ofNullable(Registry.standard().enumerationsByTag().get(tag));
  }

  /** Returns every enumeration, sorted by name. */
  public static List<EnumerationDefinition> all() {
    return Registry.standard().enumerations();
  }

  /** Returns the bit mask with this name, such as {@code Cryptographic Usage Mask}, or empty. */
  public static Optional<EnumerationDefinition> maskByName(String name) {
    return Optional.ofNullable(Registry.standard().masksByName().get(Names.canonical(name)));
  }

  /** Returns the bit mask carried by items with this tag, or empty. */
  public static Optional<EnumerationDefinition> maskForTag(int tag) {
    return Optional.ofNullable(Registry.standard().masksByTag().get(tag));
  }

  /** Returns every bit mask, sorted by name. */
  public static List<EnumerationDefinition> masks() {
    return Registry.standard().masks();
  }
}
