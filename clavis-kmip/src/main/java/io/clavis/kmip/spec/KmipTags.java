package io.clavis.kmip.spec;

import io.clavis.kmip.ttlv.TtlvTags;
import java.util.List;
import java.util.Optional;

/**
 * The KMIP tag table (KMIP 1.4 section 9.1.3.1 and the KMIP 2.0 additions): tag names and values,
 * both ways, with the version that introduced each tag.
 *
 * <p>Used to name tags in logs and error messages, and by tests to check the {@link Tag} constants.
 * Code that handles messages uses {@link Tag} rather than looking names up.
 */
public final class KmipTags {
  private KmipTags() {}

  /** Returns the tag with this value, or empty for tags the tables do not define. */
  public static Optional<TagDefinition> byValue(int value) {
    return Optional.ofNullable(Registry.standard().tagsByValue().get(value));
  }

  /**
   * Returns the tag with this name, such as {@code Request Message}, or empty. Whitespace is
   * compared canonically; case is significant.
   */
  public static Optional<TagDefinition> byName(String name) {
    return Optional.ofNullable(Registry.standard().tagsByName().get(Names.canonical(name)));
  }

  /** Returns the tag's name, or its value in hex ({@code 0x540001}) for unknown tags. */
  public static String displayName(int value) {
    return byValue(value).map(TagDefinition::name).orElseGet(() -> TtlvTags.hex(value));
  }

  /** Returns every tag, in ascending order of value. */
  public static List<TagDefinition> all() {
    return Registry.standard().tags();
  }
}
