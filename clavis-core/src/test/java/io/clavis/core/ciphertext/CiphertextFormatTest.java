package io.clavis.core.ciphertext;

import static io.clavis.core.testing.TestBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.core.ciphertext.CiphertextFormat.Header;
import io.clavis.core.ciphertext.CiphertextFormat.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CiphertextFormatTest {
  private static final byte[] BODY = new byte[28];

  @Test
  void encodesTheDocumentedLayout() {
    byte[] header =
        CiphertextFormat.encodeHeader(
            new Header(CiphertextFormat.SCHEME_AES_GCM, "key_x", 0x01020304));
    assertThat(HexFormat.of().formatHex(header)).isEqualTo("010105" + "6b65795f78" + "01020304");
  }

  @Property
  void headersRoundTrip(
      @ForAll @IntRange(min = 1, max = 2) int scheme,
      @ForAll @StringLength(min = 1, max = 128) @CharRange(from = '!', to = '~') String keyId,
      @ForAll @IntRange(min = 1) int keyVersion,
      @ForAll @IntRange(min = 28, max = 600) int bodyLength) {
    Header header = new Header(scheme, keyId, keyVersion);
    byte[] encoded = CiphertextFormat.encodeHeader(header);
    assertThat(encoded).hasSize(header.encodedLength());
    Parsed parsed = CiphertextFormat.parse(concat(encoded, new byte[bodyLength]));
    assertThat(parsed.header()).isEqualTo(header);
    assertThat(parsed.bodyOffset()).isEqualTo(encoded.length);
  }

  @TestFactory
  Iterable<DynamicTest> rejectsEveryMalformedShape() {
    byte[] good = concat(header(1, "k1", 1), BODY);
    CiphertextFormat.parse(good); // the baseline is well-formed
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put("empty", new byte[0]);
    cases.put("only the format byte", new byte[] {1});
    cases.put("format version 0", withByte(good, 0, 0x00));
    cases.put("format version 2", withByte(good, 0, 0x02));
    cases.put("scheme 0", withByte(good, 1, 0x00));
    cases.put("scheme 3", withByte(good, 1, 0x03));
    cases.put("scheme 0xff", withByte(good, 1, 0xff));
    cases.put("key id length 0", concat(new byte[] {1, 1, 0}, new byte[] {0, 0, 0, 1}, BODY));
    cases.put(
        "key id length 129",
        concat(new byte[] {1, 1, (byte) 129}, filled(129, 'a'), new byte[] {0, 0, 0, 1}, BODY));
    cases.put("key id length 0xff", withByte(good, 2, 0xff));
    cases.put("key id beyond buffer", concat(new byte[] {1, 1, 100}, filled(10, 'a')));
    cases.put("version cut off", concat(new byte[] {1, 1, 2}, "k1".getBytes(), new byte[] {0, 0}));
    cases.put("non-ASCII key id", concat(new byte[] {1, 1, 2, 'k', (byte) 0xe9, 0, 0, 0, 1}, BODY));
    cases.put("control char in key id", concat(new byte[] {1, 1, 2, 'k', '\n', 0, 0, 0, 1}, BODY));
    cases.put("space in key id", concat(new byte[] {1, 1, 2, 'k', ' ', 0, 0, 0, 1}, BODY));
    cases.put("NUL in key id", concat(new byte[] {1, 1, 2, 'k', 0, 0, 0, 0, 1}, BODY));
    cases.put("version 0", concat(header(1, "k1", 1), BODY));
    cases.get("version 0")[8] = 0;
    cases.put("negative version", withByte(good, 5, 0x80));
    cases.put("no body", header(1, "k1", 1));
    cases.put("no body (RSA)", header(2, "k1", 1));
    cases.put("AES body shorter than nonce and tag", concat(header(1, "k1", 1), new byte[27]));
    for (int length = 1; length < good.length; length++) {
      cases.put("truncated to " + length, Arrays.copyOf(good, length));
    }
    return cases.entrySet().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.getKey(),
                    () ->
                        assertThatThrownBy(() -> CiphertextFormat.parse(c.getValue()))
                            .isInstanceOf(MalformedCiphertextException.class)))
        .toList();
  }

  @Test
  void headerRejectsInvalidFields() {
    assertThatThrownBy(() -> new Header(3, "k", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Header(1, "", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Header(1, "a".repeat(129), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Header(1, "ké", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Header(1, "k", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Header(1, "k", -5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Header(1, "a".repeat(128), Integer.MAX_VALUE).encodedLength()).isEqualTo(135);
  }

  @Test
  void parsedMustMatchItsHeader() {
    Header header = new Header(1, "k1", 1);
    assertThatThrownBy(() -> new Parsed(header, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] header(int scheme, String keyId, int version) {
    return CiphertextFormat.encodeHeader(new Header(scheme, keyId, version));
  }

  private static byte[] withByte(byte[] bytes, int index, int value) {
    byte[] copy = bytes.clone();
    copy[index] = (byte) value;
    return copy;
  }

  private static byte[] filled(int length, char c) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) c);
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
