package io.clavis.kmip.spec;

import java.util.regex.Pattern;

/**
 * The canonical spelling of registry names.
 *
 * <p>The registry files carry a few whitespace slips (a doubled space in {@code Compromise Date},
 * trailing spaces in some Result Reason and Profile Name values); lookups would fail on them for no
 * reason anyone could see, so names are trimmed and inner runs of whitespace become one space, both
 * when the tables are loaded and when they are searched.
 */
final class Names {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Names() {}

  static String canonical(String name) {
    return WHITESPACE.matcher(name.strip()).replaceAll(" ");
  }
}
