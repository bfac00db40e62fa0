package io.clavis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlFormatTest {
  @Test
  void formatsWithTheLargestExactUnit() {
    assertThat(TtlFormat.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(TtlFormat.format(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(TtlFormat.format(Duration.ofHours(12))).isEqualTo("12h");
    assertThat(TtlFormat.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(TtlFormat.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(TtlFormat.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(TtlFormat.format(Duration.ofSeconds(1))).isEqualTo("1s");
  }

  @Test
  void rejectsNonPositiveAndFractionalDurations() {
    assertThatThrownBy(() -> TtlFormat.format(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TtlFormat.format(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TtlFormat.format(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesUnitsAndBareSeconds() {
    assertThat(TtlFormat.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(TtlFormat.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TtlFormat.parse("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(TtlFormat.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(TtlFormat.parse("3600")).isEqualTo(Duration.ofHours(1));
    assertThat(TtlFormat.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void rejectsGarbage() {
    for (String bad :
        new String[] {"", "h", "1.5h", "-1s", "0", "0d", "10w", "1 h", "99999999999999999999d"}) {
      assertThatThrownBy(() -> TtlFormat.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void parseInvertsFormat() {
    for (long s : new long[] {1, 59, 60, 61, 3600, 86_400, 90_000, 604_800}) {
      Duration d = Duration.ofSeconds(s);
      assertThat(TtlFormat.parse(TtlFormat.format(d))).isEqualTo(d);
    }
  }
}
