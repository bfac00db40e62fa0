package io.clavis.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The enumeration and mask tables loaded from the registry files. */
class KmipEnumerationsTest {
  @Test
  void mergesTheKmip20AdditionsIntoTheKmip14Enumerations() {
    EnumerationDefinition operation = KmipEnumerations.byName("Operation").orElseThrow();
    assertThat(operation.value("Create")).isEqualTo(OptionalInt.of(1));
    assertThat(operation.value("Discover Versions")).isEqualTo(OptionalInt.of(0x1E));
    assertThat(operation.value("Set Attribute")).isEqualTo(OptionalInt.of(0x31));
    assertThat(operation.values()).hasSize(53);
    assertThat(operation.tags()).containsExactly("Operation");
  }

  @Test
  void loadsEveryEnumerationAndMask() {
    // 49 enumerations in the KMIP 1.4 file; the 2.0 file adds 11 and extends 10.
    assertThat(KmipEnumerations.all()).hasSize(60);
    assertThat(KmipEnumerations.masks())
        .extracting(EnumerationDefinition::name)
        .containsExactly(
            "Cryptographic Usage Mask", "Protection Storage Mask", "Storage Status Mask");
    assertThat(KmipEnumerations.byName("PKCS#11 Function").orElseThrow().values()).isEmpty();
  }

  @Test
  void findsTheEnumerationOfATag() {
    assertThat(KmipEnumerations.forTag(Tag.OPERATION).orElseThrow().name()).isEqualTo("Operation");
    assertThat(KmipEnumerations.forTag(Tag.MASK_GENERATOR_HASHING_ALGORITHM).orElseThrow().name())
        .isEqualTo("Hashing Algorithm");
    assertThat(KmipEnumerations.forTag(Tag.BATCH_COUNT)).isEmpty();
    assertThat(
            KmipEnumerations.maskForTag(Tag.CRYPTOGRAPHIC_USAGE_MASK)
                .orElseThrow()
                .value("Encrypt"))
        .isEqualTo(OptionalInt.of(4));
    assertThat(KmipEnumerations.maskForTag(Tag.OPERATION)).isEmpty();
  }

  @Test
  void canonicalisesWhitespaceInValueNames() {
    EnumerationDefinition reasons = KmipEnumerations.byName("Result Reason").orElseThrow();
    assertThat(reasons.value("PKCS#11 Codec Error")).isEqualTo(OptionalInt.of(0x45));
    assertThat(reasons.nameOf(0x45)).contains("PKCS#11 Codec Error");
    assertThat(reasons.nameOf(0x27)).isEmpty();
    assertThat(KmipEnumerations.byName(" Result   Reason ")).contains(reasons);
  }

  @Test
  void ordersValuesAsUnsignedNumbers() {
    for (EnumerationDefinition definition : KmipEnumerations.all()) {
      List<Integer> values = new ArrayList<>(definition.values().values());
      for (int i = 1; i < values.size(); i++) {
        assertThat(Integer.compareUnsigned(values.get(i - 1), values.get(i)))
            .as(definition.name())
            .isNegative();
      }
    }
  }

  @Test
  void definitionsAreImmutable() {
    EnumerationDefinition state = KmipEnumerations.byName("State").orElseThrow();
    assertThatThrownBy(() -> state.values().put("Gone", 9))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
