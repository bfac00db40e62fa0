package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonBody body(String json) throws Exception {
    return new JsonBody((ObjectNode) JSON.readTree(json));
  }

  @Test
  void maskedFieldsKeepTheirPresenceButNotTheirValue() throws Exception {
    JsonBody a = body("{\"name\":\"alice\",\"password\":\"correct horse\"}");
    JsonBody b = body("{\"name\":\"alice\",\"password\":\"battery staple\"}");
    JsonBody none = body("{\"name\":\"alice\"}");
    Set<String> masked = Set.of("password");

    String bytes = new String(a.canonicalBytesMasking(masked), StandardCharsets.UTF_8);
    assertThat(bytes).contains("alice").doesNotContain("correct horse");
    assertThat(a.canonicalBytesMasking(masked)).isEqualTo(b.canonicalBytesMasking(masked));
    assertThat(a.canonicalBytesMasking(masked)).isNotEqualTo(none.canonicalBytesMasking(masked));
    // The body itself is unchanged, and without a masked field nothing is.
    assertThat(a.text("password")).isEqualTo("correct horse");
    assertThat(none.canonicalBytesMasking(masked)).isEqualTo(none.canonicalBytes());
  }
}
