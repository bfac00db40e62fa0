package io.clavis.kmip.spec;

/**
 * A Java enum that mirrors a KMIP enumeration or bit mask: each constant has its wire value and the
 * name the specification gives it.
 *
 * <p>Decoded items keep their raw values (a peer may send values this code does not know, which the
 * message layer answers with an error result), so every implementing enum offers a {@code
 * fromValue(int)} that returns an empty {@link java.util.Optional} instead of throwing.
 */
public interface KmipEnum {
  /** Returns the value sent on the wire. */
  int value();

  /** Returns the name the specification and the registry give this value. */
  String kmipName();
}
