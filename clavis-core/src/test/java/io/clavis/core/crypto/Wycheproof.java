package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Loads Wycheproof test vectors from {@code src/test/resources/wycheproof} and turns them into
 * dynamic tests: a {@code valid} vector must be accepted, an {@code invalid} one rejected, an
 * {@code acceptable} one may go either way.
 */
final class Wycheproof {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Wycheproof() {}

  /** One test case together with the group that holds its shared parameters (keys, sizes). */
  record Vector(String file, JsonNode group, JsonNode test) {
    int tcId() {
      return test.get("tcId").asInt();
    }

    String result() {
      return test.get("result").asText();
    }

    boolean isValid() {
      return "valid".equals(result());
    }

    /** A hex field of the test case. */
    byte[] hex(String field) {
      return HexFormat.of().parseHex(text(test, field));
    }

    /** A hex field of the group. */
    byte[] groupHex(String field) {
      return HexFormat.of().parseHex(text(group, field));
    }

    /** An integer field of the group (Wycheproof writes some as strings). */
    int groupInt(String field) {
      JsonNode node = group.get(field);
      if (node == null) {
        throw new IllegalArgumentException(file + ": group has no field " + field);
      }
      return node.isTextual() ? Integer.parseInt(node.asText()) : node.asInt();
    }

    private String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null) {
        throw new IllegalArgumentException(file + " tcId " + tcId() + ": no field " + field);
      }
      return value.asText();
    }

    String displayName() {
      return "tcId "
          + tcId()
          + " "
          + result()
          + " "
          + test.path("flags")
          + " "
          + test.path("comment").asText();
    }
  }

  /** Runs one vector against the code under test. */
  @FunctionalInterface
  interface Check {
    /**
     * Returns whether the code under test accepted the vector (decrypted it to the expected
     * plaintext, verified the signature or tag). Unexpected exceptions fail the test.
     */
    boolean accepted(Vector vector) throws Exception;
  }

  /** Reads every vector of {@code file}, checking that the file's declared count is met. */
  static List<Vector> load(String file) {
    JsonNode root;
    try (InputStream in = Wycheproof.class.getResourceAsStream("/wycheproof/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + file);
      }
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Vector> vectors = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode test : group.get("tests")) {
        vectors.add(new Vector(file, group, test));
      }
    }
    assertThat(vectors).as("vectors in %s", file).hasSize(root.get("numberOfTests").asInt());
    return vectors;
  }

  /** One dynamic test per vector of {@code file}. */
  static Stream<DynamicTest> tests(String file, Check check) {
    return tests(file, v -> true, check);
  }

  /**
   * One dynamic test per vector of {@code file} that {@code applies}; fails at once if no vector
   * applies, so a broken filter cannot make the test pass vacuously.
   */
  static Stream<DynamicTest> tests(String file, Predicate<Vector> applies, Check check) {
    List<Vector> selected = load(file).stream().filter(applies).toList();
    assertThat(selected).as("vectors run from %s", file).isNotEmpty();
    return selected.stream()
        .map(v -> DynamicTest.dynamicTest(v.displayName(), () -> assertOutcome(v, check)));
  }

  private static void assertOutcome(Vector v, Check check) throws Exception {
    boolean accepted = check.accepted(v);
    switch (v.result()) {
      case "valid" ->
          assertThat(accepted).as("valid vector %s must be accepted", v.tcId()).isTrue();
      case "invalid" ->
          assertThat(accepted).as("invalid vector %s must be rejected", v.tcId()).isFalse();
      case "acceptable" -> {
        // Either outcome is correct.
      }
      default -> fail("unknown result " + v.result());
    }
  }
}
