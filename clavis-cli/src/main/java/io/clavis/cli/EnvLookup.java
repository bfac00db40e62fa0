package io.clavis.cli;

import java.util.Map;

/** Reads environment variables; injectable so tests can set them. */
@FunctionalInterface
public interface EnvLookup {
  /** The value of the variable, or null when unset. */
  String get(String name);

  static EnvLookup system() {
    return System::getenv;
  }

  static EnvLookup of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return copy::get;
  }
}
