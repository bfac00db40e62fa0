package io.clavis.kmip.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Reads the registry JSON files into a {@link Registry}.
 *
 * <p>Each file is an object with {@code tags} (name to value), {@code enums} and {@code masks}
 * (lists of {@code {name, values, tags}}). Values are JSON numbers or {@code "0x..."} strings. The
 * 2.0 file adds tags and repeats some 1.4 enumerations with their new values, so enumerations with
 * the same name are merged. Any inconsistency (a name with two values, a value with two tag names,
 * an enumeration naming an unknown tag) stops loading: the tables are shipped with the code, so an
 * inconsistency is a packaging bug to catch in the first test run, not something to work around.
 */
final class RegistryLoader {
  static final String KMIP_1_4 = "kmip_1_4_registry.json";
  static final String KMIP_2_0 = "kmip_2_0_additions_registry.json";

  private final Map<String, TagDefinition> tagsByName = new LinkedHashMap<>();
  private final Map<Integer, TagDefinition> tagsByValue = new HashMap<>();
  private final Map<String, ValueSet> enumerations = new LinkedHashMap<>();
  private final Map<String, ValueSet> masks = new LinkedHashMap<>();

  private RegistryLoader() {}

  static Registry loadStandard() {
    RegistryLoader loader = new RegistryLoader();
    loader.add(KMIP_1_4, TagHistory::introducing);
    loader.add(KMIP_2_0, tag -> KmipVersion.V2_0);
    return loader.build();
  }

  private void add(String resource, IntFunction<KmipVersion> since) {
    JsonNode root = read(resource);
    for (Map.Entry<String, JsonNode> tag : field(root, "tags", resource).properties()) {
      int value = number(tag.getValue(), resource);
      addTag(new TagDefinition(Names.canonical(tag.getKey()), value, since.apply(value)), resource);
    }
    addValueSets(field(root, "enums", resource), enumerations, resource);
    addValueSets(field(root, "masks", resource), masks, resource);
  }

  private void addTag(TagDefinition tag, String resource) {
    TagDefinition sameName = tagsByName.putIfAbsent(tag.name(), tag);
    TagDefinition sameValue = tagsByValue.putIfAbsent(tag.value(), tag);
    if (sameName != null || sameValue != null) {
      throw broken(
          resource, "tag " + tag + " clashes with " + (sameName != null ? sameName : sameValue));
    }
  }

  private static void addValueSets(JsonNode list, Map<String, ValueSet> into, String resource) {
    for (JsonNode entry : list) {
      String name = Names.canonical(field(entry, "name", resource).asText());
      ValueSet set = into.computeIfAbsent(name, ValueSet::new);
      for (JsonNode tag : field(entry, "tags", resource)) {
        set.tags.add(Names.canonical(tag.asText()));
      }
      JsonNode values = entry.get("values");
      if (values == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> value : values.properties()) {
        String valueName = Names.canonical(value.getKey());
        int number = number(value.getValue(), resource);
        Integer previous = set.values.putIfAbsent(valueName, number);
        if (previous != null && previous != number) {
          throw broken(
              resource, name + " value " + valueName + " is both " + previous + " and " + number);
        }
      }
    }
  }

  private Registry build() {
    List<TagDefinition> tags = new ArrayList<>(tagsByValue.values());
    tags.sort(Comparator.comparingInt(TagDefinition::value));
    Indexed enums = index(enumerations);
    Indexed bitMasks = index(masks);
    return new Registry(
        List.copyOf(tags),
        Map.copyOf(tagsByValue),
        Map.copyOf(tagsByName),
        enums.all,
        enums.byName,
        enums.byTag,
        bitMasks.all,
        bitMasks.byName,
        bitMasks.byTag);
  }

  private Indexed index(Map<String, ValueSet> sets) {
    List<EnumerationDefinition> all = new ArrayList<>();
    Map<String, EnumerationDefinition> byName = new HashMap<>();
    Map<Integer, EnumerationDefinition> byTag = new HashMap<>();
    for (ValueSet set : sets.values()) {
      EnumerationDefinition definition =
          new EnumerationDefinition(set.name, List.copyOf(set.tags), set.values);
      all.add(definition);
      byName.put(definition.name(), definition);
      for (String tagName : set.tags) {
        TagDefinition tag = tagsByName.get(tagName);
        if (tag == null) {
          throw broken("registry", set.name + " is carried by unknown tag " + tagName);
        }
        EnumerationDefinition other = byTag.putIfAbsent(tag.value(), definition);
        if (other != null) {
          throw broken(
              "registry", "tag " + tagName + " carries " + other.name() + " and " + set.name);
        }
      }
    }
    all.sort(Comparator.comparing(EnumerationDefinition::name));
    return new Indexed(List.copyOf(all), Map.copyOf(byName), Map.copyOf(byTag));
  }

  private static JsonNode read(String resource) {
    try (InputStream in = RegistryLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw broken(resource, "the resource is missing from the class path");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the KMIP registry " + resource, e);
    }
  }

  private static JsonNode field(JsonNode node, String name, String resource) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw broken(resource, "no '" + name + "' in " + node.getNodeType());
    }
    return value;
  }

  /** Reads a JSON number or a {@code "0x..."} string as a 32-bit unsigned value. */
  private static int number(JsonNode node, String resource) {
    if (node.canConvertToExactIntegral() && node.isIntegralNumber()) {
      long value = node.asLong();
      if (value >= 0 && value <= 0xFFFF_FFFFL) {
        return (int) value;
      }
    } else if (node.isTextual() && node.asText().matches("0[xX][0-9a-fA-F]{1,8}")) {
      return Integer.parseUnsignedInt(node.asText().substring(2), 16);
    }
    throw broken(resource, "not a 32-bit value: " + node);
  }

  private static IllegalStateException broken(String resource, String problem) {
    return new IllegalStateException(
        "the KMIP registry " + resource + " is inconsistent: " + problem);
  }

  /** An enumeration or mask being merged from both files. */
  private static final class ValueSet {
    private final String name;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, Integer> values = new LinkedHashMap<>();

    ValueSet(String name) {
      this.name = name;
    }
  }

  /** Value sets sorted by name and indexed by name and by tag value. */
  private record Indexed(
      List<EnumerationDefinition> all,
      Map<String, EnumerationDefinition> byName,
      Map<Integer, EnumerationDefinition> byTag) {}
}
