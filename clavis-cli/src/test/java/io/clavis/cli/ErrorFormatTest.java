package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.client.ClavisException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrorFormatTest {
  @Test
  void serverErrorsHaveTheirCodeAndRequestId() {
    assertThat(
            ErrorFormat.format(
                new ClavisException(409, "KEY_NOT_ENABLED", "key key_x is DISABLED", "9f1c")))
        .isEqualTo("error: key key_x is DISABLED (KEY_NOT_ENABLED, request id 9f1c)");
    assertThat(ErrorFormat.format(new ClavisException(404, "NOT_FOUND", "no such key", null)))
        .isEqualTo("error: no such key (NOT_FOUND)");
  }

  @Test
  void connectionFailuresAreJustTheMessage() {
    assertThat(
            ErrorFormat.format(
                new ClavisException(
                    0, "UNAVAILABLE", "cannot reach https://h:1: connection refused", null)))
        .isEqualTo("error: cannot reach https://h:1: connection refused");
  }

  @Test
  void alwaysOneLine() {
    assertThat(ErrorFormat.format(new CliException("first\nsecond\r\nthird")))
        .isEqualTo("error: first second third");
  }

  @Test
  void fileErrors() {
    assertThat(ErrorFormat.format(new NoSuchFileException("/x/y")))
        .isEqualTo("error: no such file: /x/y");
    assertThat(ErrorFormat.format(new UncheckedIOException(new NoSuchFileException("/z"))))
        .isEqualTo("error: no such file: /z");
  }

  @Test
  void unexpectedExceptionsWithoutMessage() {
    assertThat(ErrorFormat.format(new NullPointerException()))
        .isEqualTo("error: unexpected NullPointerException");
  }
}
