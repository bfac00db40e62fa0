package io.clavis.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every {@link Tag} constant has the value and the name the registry gives it. */
class TagTest {
  @Test
  void everyConstantMatchesTheRegistry() throws IllegalAccessException {
    List<String> wrong = new ArrayList<>();
    Map<Integer, String> seen = new HashMap<>();
    for (Field field : constants()) {
      int value = field.getInt(null);
      String previous = seen.put(value, field.getName());
      if (previous != null) {
        wrong.add(field.getName() + " repeats the value of " + previous);
        continue;
      }
      KmipTags.byValue(value)
          .ifPresentOrElse(
              tag -> {
                if (!Identifiers.of(tag.name()).equals(field.getName())) {
                  wrong.add(field.getName() + " has the value of " + tag);
                }
              },
              () -> wrong.add(field.getName() + " has a value the registry does not list"));
    }
    assertThat(wrong).isEmpty();
    assertThat(seen).hasSizeGreaterThan(150);
  }

  /** Values quoted from the specification text, independent of the registry files. */
  @Test
  void constantsAgreeWithTheSpecificationText() {
    assertThat(Tag.REQUEST_MESSAGE).isEqualTo(0x420078);
    assertThat(Tag.RESPONSE_MESSAGE).isEqualTo(0x42007B);
    assertThat(Tag.BATCH_ITEM).isEqualTo(0x42000F);
    assertThat(Tag.OPERATION).isEqualTo(0x42005C);
    assertThat(Tag.UNIQUE_IDENTIFIER).isEqualTo(0x420094);
    assertThat(Tag.KEY_MATERIAL).isEqualTo(0x420043);
    assertThat(Tag.ATTRIBUTES).isEqualTo(0x420125);
  }

  @Test
  void theClassHoldsOnlyConstants() {
    for (Field field : Tag.class.getDeclaredFields()) {
      assertThat(field.getType()).as(field.getName()).isEqualTo(int.class);
      assertThat(Modifier.isPublic(field.getModifiers())).as(field.getName()).isTrue();
    }
  }

  private static List<Field> constants() {
    List<Field> constants = new ArrayList<>();
    for (Field field : Tag.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && !field.isSynthetic()) {
        constants.add(field);
      }
    }
    return constants;
  }
}
