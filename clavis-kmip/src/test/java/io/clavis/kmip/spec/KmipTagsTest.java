package io.clavis.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tag table loaded from the registry files. */
class KmipTagsTest {
  @Test
  void holdsEveryTagOfBothFiles() {
    // 292 tags in the KMIP 1.4 file, 63 in the KMIP 2.0 additions.
    assertThat(KmipTags.all()).hasSize(355);
    Set<Integer> values = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (TagDefinition tag : KmipTags.all()) {
      assertThat(values.add(tag.value())).as(tag.toString()).isTrue();
      assertThat(names.add(tag.name())).as(tag.toString()).isTrue();
    }
    for (int value = 0x420001; value <= 0x420124; value++) {
      assertThat(KmipTags.byValue(value)).as("0x%06X", value).isPresent();
    }
  }

  @Test
  void looksUpBothWays() {
    TagDefinition requestMessage = KmipTags.byName("Request Message").orElseThrow();
    assertThat(requestMessage.value()).isEqualTo(0x420078);
    assertThat(KmipTags.byValue(0x420078)).contains(requestMessage);
    assertThat(KmipTags.byName("Request message")).isEmpty();
    assertThat(KmipTags.byName("No Such Tag")).isEmpty();
    assertThat(KmipTags.byValue(0x540000)).isEmpty();
  }

  /** The files mix number and hex string values, and carry a doubled space in one name. */
  @Test
  void readsTheRegistryQuirks() {
    assertThat(KmipTags.byValue(0x420001).orElseThrow().name()).isEqualTo("Activation Date");
    assertThat(KmipTags.byValue(0x420020).orElseThrow().name()).isEqualTo("Compromise Date");
    assertThat(KmipTags.byName("Compromise  Date").orElseThrow().value()).isEqualTo(0x420020);
    assertThat(KmipTags.byName("Attributes").orElseThrow().value()).isEqualTo(0x420125);
  }

  @Test
  void knowsWhichVersionIntroducedEachTag() {
    assertThat(since("Request Message")).isEqualTo(KmipVersion.V1_0);
    assertThat(since("Password")).isEqualTo(KmipVersion.V1_0);
    assertThat(since("Device Identifier")).isEqualTo(KmipVersion.V1_1);
    assertThat(since("X.509 Certificate Subject")).isEqualTo(KmipVersion.V1_1);
    assertThat(since("Key Value Location")).isEqualTo(KmipVersion.V1_2);
    assertThat(since("Attestation Capable Indicator")).isEqualTo(KmipVersion.V1_2);
    assertThat(since("Offset Items")).isEqualTo(KmipVersion.V1_3);
    assertThat(since("Capability Information")).isEqualTo(KmipVersion.V1_3);
    assertThat(since("Key Wrap Type")).isEqualTo(KmipVersion.V1_4);
    assertThat(since("Replace Existing")).isEqualTo(KmipVersion.V1_4);
    assertThat(since("Attributes")).isEqualTo(KmipVersion.V2_0);
    assertThat(since("Public Protection Storage Masks")).isEqualTo(KmipVersion.V2_0);
  }

  @Test
  void listsTagsInOrderOfValue() {
    List<TagDefinition> all = KmipTags.all();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).value()).isGreaterThan(all.get(i - 1).value());
    }
  }

  @Test
  void displaysUnknownTagsInHex() {
    assertThat(KmipTags.displayName(0x42000F)).isEqualTo("Batch Item");
    assertThat(KmipTags.displayName(0x540001)).isEqualTo("0x540001");
  }

  @Test
  void versionsAreOrdered() {
    assertThat(KmipVersion.V1_4).isGreaterThan(KmipVersion.V1_0).isLessThan(KmipVersion.V2_0);
    assertThat(new KmipVersion(1, 10)).isGreaterThan(KmipVersion.V1_4);
    assertThat(KmipVersion.V2_1.toString()).isEqualTo("2.1");
  }

  private static KmipVersion since(String name) {
    return KmipTags.byName(name).orElseThrow().since();
  }
}
