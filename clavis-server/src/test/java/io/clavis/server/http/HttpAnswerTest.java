package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {
  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

  @Test
  void headersAndBodyInOneBufferOfExactlyTheirSize() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Clavis-Request-Id", "r-1");
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
    ByteBuf out = HttpAnswer.encode(ALLOC, 200, headers, body, false, true);
    assertThat(out.capacity()).isEqualTo(out.readableBytes());
    assertThat(text(out))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nClavis-Request-Id: r-1\r\n"
                + "Content-Length: 7\r\nConnection: keep-alive\r\n\r\n{\"a\":1}");
  }

  @Test
  void readBackByAnHttpClientDecoder() {
    byte[] body = new byte[5000];
    java.util.Arrays.fill(body, (byte) 'x');
    FullHttpResponse r =
        decode(HttpAnswer.encode(ALLOC, 404, Map.of("X-A", "b\tc"), body, false, false));
    try {
      assertThat(r.status().code()).isEqualTo(404);
      assertThat(r.status().reasonPhrase()).isEqualTo("Not Found");
      assertThat(r.headers().get("X-A")).isEqualTo("b\tc");
      assertThat(r.headers().get("Connection")).isEqualTo("close");
      assertThat(r.content().readableBytes()).isEqualTo(5000);
    } finally {
      r.release();
    }
  }

  @Test
  void aHeadAnswerDeclaresTheLengthButCarriesNoBody() {
    String head = text(HttpAnswer.encode(ALLOC, 405, Map.of(), new byte[12], true, true));
    assertThat(head).endsWith("Content-Length: 12\r\nConnection: keep-alive\r\n\r\n");
  }

  @Test
  void noContentAndInterimAnswersHaveNoLength() {
    assertThat(text(HttpAnswer.encode(ALLOC, 204, Map.of(), null, false, true)))
        .isEqualTo("HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n");
    assertThat(text(HttpAnswer.interimContinue(ALLOC))).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
  }

  @Test
  void framingHeadersAreWrittenOnceWhateverTheCallerPassed() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-length", "999");
    headers.put("Connection", "upgrade");
    headers.put("Transfer-Encoding", "chunked");
    headers.put("content-type", "text/plain");
    headers.put("Content-Type", "application/json");
    String head = text(HttpAnswer.encode(ALLOC, 200, headers, new byte[3], false, true));
    assertThat(head)
        .isEqualTo(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\n"
                + "Connection: keep-alive\r\n\r\n\0\0\0");
  }

  @Test
  void textOutsideAsciiIsSentAsQuestionMarksRatherThanRefused() {
    ByteBuf out =
        HttpAnswer.encode(
            ALLOC, 200, Map.of("Clavis-Node", "\u0443\u0437-\u00e9"), null, false, true);
    assertThat(text(out)).contains("Clavis-Node: ??-?\r\n");
  }

  @Test
  void aHeaderThatCouldEndTheHeadEarlyIsRefused() {
    for (String value :
        new String[] {"a\r\nSet-Cookie: x", "a\nb", "a\0", "a\u007f", "\u001b[0m", " leading"}) {
      assertThatThrownBy(() -> HttpAnswer.encode(ALLOC, 200, Map.of("X", value), null, false, true))
          .as(value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(value);
    }
    for (String name : new String[] {"", "X Y", "X:", "X\r\n", "Ä"}) {
      assertThatThrownBy(() -> HttpAnswer.encode(ALLOC, 200, Map.of(name, "v"), null, false, true))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> HttpAnswer.encode(ALLOC, 99, Map.of(), null, false, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpAnswer.encode(ALLOC, 600, Map.of(), null, false, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String text(ByteBuf b) {
    try {
      return b.toString(StandardCharsets.ISO_8859_1);
    } finally {
      b.release();
    }
  }

  private static FullHttpResponse decode(ByteBuf bytes) {
    EmbeddedChannel client =
        new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
    assertThat(client.writeInbound(bytes)).isTrue();
    FullHttpResponse r = client.readInbound();
    client.finishAndReleaseAll();
    return r;
  }
}
