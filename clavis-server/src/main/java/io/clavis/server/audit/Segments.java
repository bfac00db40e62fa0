package io.clavis.server.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Segment file naming. The first seq is in the name so that readers can skip whole files without
 * opening them, and zero-padded so that a directory listing sorts in chain order.
 */
final class Segments {
  private static final String PREFIX = "segment-";
  private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.jsonl");

  /** A segment file and the seq its name says it starts with. */
  record Segment(Path path, long firstSeq) {}

  private Segments() {}

  static Path path(Path dir, long firstSeq) {
    return dir.resolve(String.format(Locale.ROOT, "segment-%020d.jsonl", firstSeq));
  }

  /** The segment files of a directory in chain order; empty when the directory does not exist. */
  static List<Segment> list(Path dir) throws IOException {
    List<Segment> segments = new ArrayList<>();
    for (Path p : files(dir)) {
      Long first = firstSeq(p);
      if (first != null) {
        segments.add(new Segment(p, first));
      }
    }
    segments.sort(Comparator.comparingLong(Segment::firstSeq));
    return segments;
  }

  /**
   * Files that look like segments but whose name does not parse: a renamed segment would otherwise
   * silently drop out of the chain.
   */
  static List<Path> misnamed(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : files(dir)) {
      if (p.getFileName().toString().startsWith(PREFIX) && firstSeq(p) == null) {
        out.add(p);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static Long firstSeq(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return null;
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return null; // 20 digits can exceed a long
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }
}
