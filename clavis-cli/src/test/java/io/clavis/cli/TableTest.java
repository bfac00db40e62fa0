package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void alignsColumnsToTheWidestCell() {
    Table t =
        new Table("ID", "NAME", "STATE")
            .row("key_1", "payments", "ENABLED")
            .row("key_200", "a", "DISABLED");
    assertThat(t.render())
        .isEqualTo(
            """
            ID       NAME      STATE
            key_1    payments  ENABLED
            key_200  a         DISABLED
            """);
  }

  @Test
  void nullCellsPrintAsDashAndNumbersAsText() {
    Table t = Table.fieldValue().row("VERSION", 3).row("DELETION TIME", null);
    assertThat(t.render())
        .isEqualTo(
            """
            FIELD          VALUE
            VERSION        3
            DELETION TIME  -
            """);
  }

  @Test
  void noTrailingSpaces() {
    Table t = new Table("A", "B").row("long value", "").row("x", "y");
    for (String line : t.render().split("\n")) {
      assertThat(line).doesNotEndWith(" ");
    }
    assertThat(t.render()).isEqualTo("A           B\nlong value\nx           y\n");
  }

  @Test
  void multiLineCellsSpanSeveralLines() {
    Table t = Table.fieldValue().row("VERSIONS", "1  ENABLED\n2  ENABLED").row("NAME", "k");
    assertThat(t.render())
        .isEqualTo(
            """
            FIELD     VALUE
            VERSIONS  1  ENABLED
                      2  ENABLED
            NAME      k
            """);
  }

  @Test
  void headersOnlyWhenEmpty() {
    Table t = new Table("ID", "NAME");
    assertThat(t.size()).isZero();
    assertThat(t.render()).isEqualTo("ID  NAME\n");
  }

  @Test
  void widthCountsCharactersNotBytes() {
    Table t = new Table("N", "X").row("é", "1").row("ab", "2");
    assertThat(t.render()).isEqualTo("N   X\né   1\nab  2\n");
  }

  @Test
  void rowsMustMatchTheHeaders() {
    assertThatThrownBy(() -> new Table("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(Table::new).isInstanceOf(IllegalArgumentException.class);
  }
}
