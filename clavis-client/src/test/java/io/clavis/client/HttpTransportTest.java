package io.clavis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
  @Test
  void buildsUrisUnderTheServerUrl() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("vaultId", "v 1&x");
    q.put("limit", null);
    q.put("page", "p=2");
    assertThat(HttpTransport.uri(URI.create("https://h:8443"), "/v1/keys", q))
        .hasToString("https://h:8443/v1/keys?vaultId=v+1%26x&page=p%3D2");
    assertThat(HttpTransport.uri(URI.create("https://h:8443/"), "/v1/keys", Map.of()))
        .hasToString("https://h:8443/v1/keys");
    assertThat(HttpTransport.uri(URI.create("https://h/clavis/"), "/v1/vaults", Map.of()))
        .hasToString("https://h/clavis/v1/vaults");
  }

  @Test
  void encodesIdsAsOnePathSegment() {
    assertThat(HttpTransport.segment("key_01HX-a.b~c")).isEqualTo("key_01HX-a.b~c");
    assertThat(HttpTransport.segment("a/b c?d#é")).isEqualTo("a%2Fb%20c%3Fd%23%C3%A9");
    assertThatThrownBy(() -> HttpTransport.segment(".."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpTransport.segment(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
