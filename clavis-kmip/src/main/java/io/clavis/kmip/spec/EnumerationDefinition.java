package io.clavis.kmip.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One KMIP enumeration or bit mask from the registry: its name, the tags whose items carry it, and
 * its named values.
 *
 * <p>For a mask, such as Cryptographic Usage Mask, each value is one bit and an item holds their
 * bitwise or.
 *
 * @param name the name as the specification writes it, such as {@code Operation}
 * @param tags the names of the tags whose items hold this enumeration
 * @param values each value name with its value, in ascending order of (unsigned) value
 */
public record EnumerationDefinition(String name, List<String> tags, Map<String, Integer> values) {
  public EnumerationDefinition {
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(tags);
    Map<String, Integer> sorted = new LinkedHashMap<>();
    values.entrySet().stream()
        .sorted((a, b) -> Integer.compareUnsigned(a.getValue(), b.getValue()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    values = Collections.unmodifiableMap(sorted);
  }

  /** Returns the value with this name, or empty if the enumeration has no such name. */
  public OptionalInt value(String valueName) {
    Integer value = values.get(valueName);
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  /** Returns the name of this value, or empty for values the registry does not list. */
  public Optional<String> nameOf(int value) {
    for (Map.Entry<String, Integer> entry : values.entrySet()) {
      if (entry.getValue() == value) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }
}
