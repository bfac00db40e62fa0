package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64BytesTest {
  @Test
  void writtenAsTheStandardPaddedBase64OfTheBytes() throws Exception {
    Random random = new Random(7);
    for (int n = 0; n < 200; n++) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      byte[] json = JsonSupport.write(Map.of("v", Base64Bytes.of(data)));
      JsonNode parsed = JsonSupport.MAPPER.readTree(json);
      assertThat(parsed.get("v").asText()).isEqualTo(Base64.getEncoder().encodeToString(data));
      assertThat(Base64.getDecoder().decode(parsed.get("v").asText())).isEqualTo(data);
    }
  }

  @Test
  void sameTextThroughAJsonTree() {
    byte[] data = {(byte) 0xfb, (byte) 0xff, 0x00, 0x3e};
    JsonNode tree = JsonSupport.MAPPER.valueToTree(Map.of("v", Base64Bytes.of(data)));
    assertThat(tree.get("v").asText()).isEqualTo("+/8APg==");
  }

  @Test
  void toStringNeverShowsTheData() {
    assertThat(Base64Bytes.of(new byte[] {65, 66, 67}).toString())
        .isEqualTo("Base64Bytes[3 bytes]")
        .doesNotContain("QUJD");
  }
}
