package io.clavis.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table: a header row and rows of cells, each column as wide as its widest cell,
 * columns separated by two spaces, no trailing spaces. A null cell prints as {@code -}; a cell with
 * newlines spans several lines, the other cells of its row staying on the first line.
 */
public final class Table {
  static final String NULL_CELL = "-";
  private static final String GAP = "  ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.headers = List.of(headers);
  }

  /** A two-column FIELD / VALUE view of one object. */
  public static Table fieldValue() {
    return new Table("FIELD", "VALUE");
  }

  /** Adds a row; it must have one cell per column. Cells are printed with {@code toString()}. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "expected " + headers.size() + " cells, got " + cells.length);
    }
    rows.add(
        Arrays.stream(cells)
            .map(c -> c == null ? NULL_CELL : c.toString().replace("\r\n", "\n"))
            .toList());
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** The table as text, one line per row line, each ending with {@code \n}. */
  public String render() {
    int columns = headers.size();
    int[] width = new int[columns];
    for (int c = 0; c < columns; c++) {
      width[c] = length(headers.get(c));
    }
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        for (String line : lines(row.get(c))) {
          width[c] = Math.max(width[c], length(line));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    appendLine(sb, headers, width);
    for (List<String> row : rows) {
      List<String[]> cellLines = row.stream().map(Table::lines).toList();
      int height = cellLines.stream().mapToInt(l -> l.length).max().orElse(1);
      for (int i = 0; i < height; i++) {
        List<String> line = new ArrayList<>(columns);
        for (String[] cl : cellLines) {
          line.add(i < cl.length ? cl[i] : "");
        }
        appendLine(sb, line, width);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  private static void appendLine(StringBuilder sb, List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = Objects.requireNonNullElse(cells.get(c), "");
      if (c > 0) {
        line.append(GAP);
      }
      line.append(cell);
      if (c < cells.size() - 1) {
        line.append(" ".repeat(width[c] - length(cell)));
      }
    }
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    sb.append(line, 0, end).append('\n');
  }

  private static String[] lines(String cell) {
    return cell.isEmpty() ? new String[] {""} : cell.split("\n", -1);
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
