package io.clavis.kmip.spec;

import java.util.List;
import java.util.Map;

/**
 * The loaded KMIP tables, indexed for the lookups of {@link KmipTags} and {@link KmipEnumerations}.
 *
 * <p>The tables are read once, on first use, and never change, so the lookups need no locking.
 */
record Registry(
    List<TagDefinition> tags,
    Map<Integer, TagDefinition> tagsByValue,
    Map<String, TagDefinition> tagsByName,
    List<EnumerationDefinition> enumerations,
    Map<String, EnumerationDefinition> enumerationsByName,
    Map<Integer, EnumerationDefinition> enumerationsByTag,
    List<EnumerationDefinition> masks,
    Map<String, EnumerationDefinition> masksByName,
    Map<Integer, EnumerationDefinition> masksByTag) {

  /** Returns the tables shipped in this jar. */
  static Registry standard() {
    return Holder.STANDARD;
  }

  /** Defers loading to the first lookup; the JVM makes that load happen once. */
  private static final class Holder {
    private static final Registry STANDARD = RegistryLoader.loadStandard();
  }
}
