package io.clavis.kmip.spec;

import io.clavis.kmip.ttlv.TtlvTags;
import java.util.Objects;

/**
 * One row of the KMIP tag table: a tag's name, its three-byte value, and the KMIP version that
 * introduced it.
 *
 * @param name the name as the specification writes it, such as {@code Request Message}
 * @param value the tag value, such as {@code 0x420078}
 * @param since the first KMIP version that defines the tag
 */
public record TagDefinition(String name, int value, KmipVersion since) {
  public TagDefinition {
    Objects.requireNonNull(name, "name");
    TtlvTags.requireValid(value);
    Objects.requireNonNull(since, "since");
  }

  @Override
  public String toString() {
    return name + " (" + TtlvTags.hex(value) + ", KMIP " + since + ")";
  }
}
