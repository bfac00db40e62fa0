package io.clavis.kmip.spec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the constant of a {@link KmipEnum} by its wire value, with one index per enum class built
 * on first use.
 */
final class KmipEnums {
  private static final ClassValue<Map<Integer, Object>> BY_VALUE =
      new ClassValue<>() {
        @Override
        protected Map<Integer, Object> computeValue(Class<?> type) {
          Map<Integer, Object> byValue = new HashMap<>();
          for (Object constant : type.getEnumConstants()) {
            Object previous = byValue.put(((KmipEnum) constant).value(), constant);
            if (previous != null) {
              throw new IllegalStateException(type + " repeats a value: " + constant);
            }
          }
          return Map.copyOf(byValue);
        }
      };

  private KmipEnums() {}

  static <E extends Enum<E> & KmipEnum> Optional<E> fromValue(Class<E> type, int value) {
    return Optional.ofNullable(type.cast(BY_VALUE.get(type).get(value)));
  }
}
