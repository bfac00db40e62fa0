package io.clavis.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {
  @Test
  void readsEveryInstantAsInstantToStringWroteIt() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(-62_000_000_000L, 250_000_000_000L);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      String text = instant.toString();
      if (text.charAt(4) == '-') {
        assertThat(InstantText.parse(text)).as(text).isEqualTo(instant);
      } else {
        // years outside 1000-9999 are left to the general parser
        assertThat(InstantText.parse(text)).as(text).isNull();
      }
    }
  }

  @Test
  void readsShortFractionsAsTheGeneralParserDoes() {
    for (String s :
        new String[] {
          "2026-11-23T14:30:58.1Z",
          "2026-11-23T14:30:58.12Z",
          "2026-11-23T14:30:58.123456789Z",
          "2024-02-29T00:00:00Z",
          "1970-01-01T00:00:00Z"
        }) {
      assertThat(InstantText.parse(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2026-11-23",
        "2026-11-23T14:30:58",
        "2026-11-23T14:30:58+01:00",
        "2026-11-23 14:30:58Z",
        "2026-13-23T14:30:58Z",
        "2026-02-30T14:30:58Z",
        "2026-11-23T24:00:00Z",
        "2026-11-23T14:60:58Z",
        "2026-11-23T14:30:60Z",
        "2026-11-23T14:30:58.Z",
        "2026-11-23T14:30:58.1234567890Z",
        "2026-11-23T14:30:58,5Z",
        "2026-1a-23T14:30:58Z",
        "2026-11-23T14:30:58.12a4Z",
        "+12026-11-23T14:30:58Z"
      })
  void leavesAnyOtherFormToTheGeneralParser(String text) {
    assertThat(InstantText.parse(text)).isNull();
  }

  record At(Instant at) {}

  @Test
  void stateJsonStillReadsOffsetsAndNumbers() {
    assertThat(
            StateJson.fromBytes("{\"at\":\"2026-11-23T15:30:58+01:00\"}".getBytes(), At.class).at())
        .isEqualTo(Instant.parse("2026-11-23T14:30:58Z"));
    assertThat(StateJson.fromBytes("{\"at\":1700000000.5}".getBytes(), At.class).at())
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
    Instant now = Instant.now();
    assertThat(StateJson.fromBytes(StateJson.toBytes(new At(now)), At.class).at()).isEqualTo(now);
  }
}
