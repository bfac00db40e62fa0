package io.clavis.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  private final ObjectMapper mapper = ClavisJson.newObjectMapper();

  @Test
  void parsesTheErrorBody() {
    byte[] body =
        "{\"code\":\"KEY_NOT_ENABLED\",\"message\":\"key key_x is DISABLED\",\"requestId\":\"9f1c\"}"
            .getBytes(UTF_8);
    ClavisException e = Errors.fromResponse(mapper, 409, body, "header-id");
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.code()).isEqualTo("KEY_NOT_ENABLED");
    assertThat(e.getMessage()).isEqualTo("key key_x is DISABLED");
    assertThat(e.requestId()).isEqualTo("9f1c");
    assertThat(e.isConnectionFailure()).isFalse();
  }

  @Test
  void theRequestIdHeaderIsUsedWhenTheBodyHasNone() {
    byte[] body = "{\"code\":\"NOT_FOUND\",\"message\":\"no such key\"}".getBytes(UTF_8);
    ClavisException e = Errors.fromResponse(mapper, 404, body, "abc");
    assertThat(e.requestId()).isEqualTo("abc");
  }

  @Test
  void ignoresUnknownFields() {
    byte[] body = "{\"code\":\"SEALED\",\"message\":\"sealed\",\"extra\":[1,2]}".getBytes(UTF_8);
    assertThat(Errors.fromResponse(mapper, 503, body, null).code()).isEqualTo("SEALED");
  }

  @Test
  void aBodyThatIsNotAnErrorGivesAGenericMessageWithoutTheBody() {
    byte[] body = "<html>Bad gateway: secret-upstream-detail</html>".getBytes(UTF_8);
    ClavisException e = Errors.fromResponse(mapper, 502, body, null);
    assertThat(e.code()).isEqualTo("UNAVAILABLE");
    assertThat(e.getMessage()).isEqualTo("HTTP 502 Bad Gateway").doesNotContain("secret");
    assertThat(e.requestId()).isNull();
  }

  @Test
  void anEmptyBodyGivesACodeFromTheStatus() {
    assertThat(Errors.fromResponse(mapper, 401, new byte[0], null).code())
        .isEqualTo("UNAUTHENTICATED");
    assertThat(Errors.fromResponse(mapper, 404, null, null).code()).isEqualTo("NOT_FOUND");
    assertThat(Errors.fromResponse(mapper, 418, null, null).code()).isEqualTo("HTTP_418");
    assertThat(Errors.fromResponse(mapper, 500, "{}".getBytes(UTF_8), null).code())
        .isEqualTo("INTERNAL");
  }

  @Test
  void messagesAreOneLine() {
    byte[] body = "{\"code\":\"X\",\"message\":\"line one\\nline two\"}".getBytes(UTF_8);
    assertThat(Errors.fromResponse(mapper, 400, body, null).getMessage())
        .isEqualTo("line one line two");
  }

  @Test
  void describesConnectionFailures() {
    assertThat(Errors.describe(new ConnectException())).isEqualTo("connection refused");
    assertThat(Errors.describe(new IOException("wrapped", new ConnectException())))
        .isEqualTo("connection refused");
    assertThat(Errors.describe(new HttpConnectTimeoutException("HTTP connect timed out")))
        .isEqualTo("connection timed out");
    assertThat(Errors.describe(new HttpTimeoutException("request timed out")))
        .isEqualTo("request timed out");
    assertThat(Errors.describe(new IOException(new UnknownHostException("nohost"))))
        .isEqualTo("unknown host");
    assertThat(Errors.describe(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo("TLS failure: PKIX path building failed");
    assertThat(Errors.describe(new IOException())).isEqualTo("IOException");
  }

  @Test
  void unreachableNamesEveryServerTried() {
    URI a = URI.create("https://a:1");
    URI b = URI.create("https://b:2");
    ClavisException one = Errors.unreachable(List.of(a), List.of("connection refused"), null);
    assertThat(one.getMessage()).isEqualTo("cannot reach https://a:1: connection refused");
    assertThat(one.status()).isZero();
    assertThat(one.code()).isEqualTo("UNAVAILABLE");
    assertThat(one.isConnectionFailure()).isTrue();

    ClavisException two =
        Errors.unreachable(List.of(a, b), List.of("connection refused", "request timed out"), null);
    assertThat(two.getMessage())
        .isEqualTo(
            "cannot reach any server: https://a:1: connection refused;"
                + " https://b:2: request timed out");
  }

  @Test
  void toStringHasCodeStatusAndRequestId() {
    assertThat(new ClavisException(409, "NAME_TAKEN", "taken", "r1").toString())
        .isEqualTo("ClavisException[status=409, code=NAME_TAKEN, requestId=r1]: taken");
  }
}
