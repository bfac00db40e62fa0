package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast reader of flat request bodies builds exactly Jackson's tree for what it accepts, and
 * hands everything else to Jackson.
 */
class FlatJsonTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        " { } ",
        "{\"plaintext\":\"SGVsbG8=\"}",
        "{\"plaintext\":\"SGVsbG8=\",\"aad\":\"YWFk\"}",
        "\t{ \"a\" :\r\n\"x\" , \"b\":true,\"c\":false,\"d\":null }\n",
        "{\"empty\":\"\",\"odd\":\"a/b ~\u007f\"}",
        "{\"includePlaintext\":false,\"algorithm\":\"AES_128\"}"
      })
  void readsWhatJacksonReadsTheSameWay(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ObjectNode flat = flat(body);
    assertThat(flat).isNotNull();
    assertThat(flat).isEqualTo(JsonSupport.MAPPER.readTree(body));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "[]",
        "\"text\"",
        "{\"n\":1}",
        "{\"n\":-0.5}",
        "{\"o\":{}}",
        "{\"a\":[]}",
        "{\"e\":\"a\\nb\"}",
        "{\"q\":\"\\\"\"}",
        "{\"u\":\"é\"}",
        "{\"é\":\"u\"}",
        "{\"c\":\"a\u0001b\"}",
        "{\"tab\":\"a\tb\"}",
        "{\"a\":\"x\",\"a\":\"y\"}",
        "{\"a\":\"x\"} junk",
        "{\"a\":\"x\"}{}",
        "{\"a\":\"x\",}",
        "{,}",
        "{\"a\" \"x\"}",
        "{\"a\":\"x\" \"b\":\"y\"}",
        "{\"a\":\"x\"",
        "{\"a\":\"x",
        "{\"a\":",
        "{\"a\"",
        "{\"a",
        "{",
        "{\"a\":truex}",
        "{\"a\":nul}",
        "{\"a\":True}",
        "{\"a\":'x'}",
        "{a:\"x\"}",
        "\ufeff{}",
        "{\"a\":\"x\"}\u0000"
      })
  void leavesEverythingElseToJackson(String json) {
    assertThat(flat(json.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  /**
   * Strings are scanned eight bytes at a time: a backslash, a control character or a non-ASCII byte
   * at any place of a long string still leaves it to Jackson, and DEL, the one printable-range byte
   * JSON allows that is no letter, does not.
   */
  @Test
  void everyPlaceOfALongStringIsLookedAt() throws IOException {
    for (int length = 1; length <= 40; length++) {
      for (int at = 0; at < length; at++) {
        for (String odd : List.of("\\\\", "\u0000", "\u001f", "\u00e9", "\u20ac")) {
          String value = "A".repeat(at) + odd + "A".repeat(length - at - 1);
          assertThat(flat(("{\"v\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8)))
              .as("%s at %d of %d", odd, at, length)
              .isNull();
        }
        String withDel = "A".repeat(at) + "\u007f" + "A".repeat(length - at - 1);
        byte[] body = ("{\"v\":\"" + withDel + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(flat(body)).isNotNull().isEqualTo(JsonSupport.MAPPER.readTree(body));
      }
    }
  }

  /** As JsonSupport reads a body. */
  private static ObjectNode flat(byte[] body) {
    return FlatJson.parse(body, JsonSupport.MAX_NAME_LENGTH, Integer.MAX_VALUE);
  }

  /**
   * Names and strings over Jackson's limits go to Jackson, which refuses them; at the limit both
   * read them.
   */
  @Test
  void limitsAreJacksons() throws IOException {
    ObjectMapper strict =
        new ObjectMapper(
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder().maxNameLength(8).maxStringLength(50).build())
                .build());
    String atLimits = "{\"" + "n".repeat(8) + "\":\"" + "v".repeat(50) + "\"}";
    byte[] body = atLimits.getBytes(StandardCharsets.UTF_8);
    assertThat(FlatJson.parse(body, 8, 50)).isNotNull().isEqualTo(strict.readTree(body));
    for (String over :
        List.of("{\"" + "n".repeat(9) + "\":\"v\"}", "{\"n\":\"" + "v".repeat(51) + "\"}")) {
      byte[] tooLong = over.getBytes(StandardCharsets.UTF_8);
      assertThat(FlatJson.parse(tooLong, 8, 50)).isNull();
      assertThatThrownBy(() -> strict.readTree(tooLong)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aNameLongerThanJacksonAllowsIsLeftToJackson() {
    String name = "n".repeat(257);
    assertThat(flat(("{\"" + name + "\":\"v\"}").getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(flat(("{\"" + name.substring(1) + "\":\"v\"}").getBytes(StandardCharsets.UTF_8)))
        .isNotNull();
  }

  /** Objects Jackson writes from random flat maps: read alike whenever they fit the shape. */
  @Property(tries = 500)
  void agreesWithJacksonOnFlatObjects(@ForAll("flatObjects") Map<String, Object> object)
      throws IOException {
    byte[] body = JsonSupport.write(object);
    ObjectNode flat = flat(body);
    boolean simple =
        object.entrySet().stream()
            .allMatch(
                e -> isPlain(e.getKey()) && (!(e.getValue() instanceof String s) || isPlain(s)));
    if (simple) {
      assertThat(flat).isEqualTo(JsonSupport.MAPPER.readTree(body));
    } else {
      assertThat(flat).isNull();
    }
  }

  /**
   * Random text from the characters JSON is made of: whatever the fast reader accepts, Jackson
   * accepts too and reads the same.
   */
  @Property(tries = 3000)
  void neverAcceptsWhatJacksonRefuses(@ForAll("jsonish") String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    ObjectNode flat = flat(body);
    if (flat == null) {
      return;
    }
    JsonNode jackson;
    try {
      jackson = JsonSupport.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("accepted what Jackson refuses: " + text, e);
    }
    assertThat(flat).isEqualTo(jackson);
  }

  @Test
  void writesAnAnswerAsJacksonWould() throws IOException {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ciphertext", Base64Bytes.of(new byte[] {1, 2, (byte) 0xfb, (byte) 0xff}));
    answer.put("keyId", "key-1");
    answer.put("keyVersion", 3);
    answer.put("size", 1L << 40);
    answer.put("enabled", false);
    answer.put("note", "a\u007fb");
    byte[] flat = FlatJson.write(answer);
    assertThat(flat).isNotNull().isEqualTo(JsonSupport.MAPPER.writeValueAsBytes(answer));
    assertThat(new String(flat, StandardCharsets.US_ASCII))
        .isEqualTo(
            "{\"ciphertext\":\"AQL7/w==\",\"keyId\":\"key-1\",\"keyVersion\":3,"
                + "\"size\":1099511627776,\"enabled\":false,\"note\":\"a\u007fb\"}");
    assertThat(FlatJson.write(Map.of())).isEqualTo("{}".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Random answers: whatever the writer takes comes out as Jackson's very bytes; what it leaves
   * (other types, text that needs escaping, nulls) it leaves to Jackson whole.
   */
  @Property(tries = 1000)
  void writesJacksonsBytesOrNothing(@ForAll("answers") Map<String, Object> answer)
      throws IOException {
    byte[] flat = FlatJson.write(answer);
    boolean simple =
        answer.entrySet().stream()
            .allMatch(
                e ->
                    isPlain(e.getKey())
                        && (e.getValue() instanceof Base64Bytes
                            || e.getValue() instanceof Integer
                            || e.getValue() instanceof Long
                            || e.getValue() instanceof Boolean
                            || e.getValue() instanceof String s && isPlain(s)));
    if (simple) {
      assertThat(flat).isNotNull().isEqualTo(JsonSupport.MAPPER.writeValueAsBytes(answer));
    } else {
      assertThat(flat).isNull();
    }
  }

  @Provide
  Arbitrary<Map<String, Object>> answers() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("ciphertext", "keyId", "keyVersion"),
            Arbitraries.strings().ofMaxLength(10));
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(Base64Bytes::of),
            Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
            Arbitraries.strings().withCharRange(' ', '\u007f').ofMaxLength(20).map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.just(List.of("a")).map(l -> (Object) l));
    return Arbitraries.maps(names, values).ofMaxSize(5).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<Map<String, Object>> flatObjects() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("plaintext", "aad", "ciphertext", "algorithm", "keyVersion"),
            Arbitraries.strings().ofMaxLength(12));
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(1500)
                .map(b -> (Object) Base64.getEncoder().encodeToString(b)),
            Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
            Arbitraries.of(true, false).map(b -> (Object) b));
    return Arbitraries.maps(names, values).ofMaxSize(5).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\\", "a", "b", "0", "-", "true",
            "false", "null", "\"a\"", "\"b\"", "\"x\"", "é", "\u0001", "tru", "e");
    // Most start like an object, or little would get past the first byte
    return pieces
        .list()
        .ofMaxSize(14)
        .map(list -> String.join("", list))
        .flatMap(s -> Arbitraries.of(s, "{" + s, "{\"a\":" + s));
  }

  private static boolean isPlain(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x80 && c != '"' && c != '\\');
  }
}
