package io.clavis.core.crypto;

/**
 * Strict DER check for ECDSA signatures, {@code SEQUENCE { INTEGER r, INTEGER s }}.
 *
 * <p>The JDK's decoder is lenient: it accepts, for example, an integer whose leading zero byte was
 * dropped (a negative number read as positive). Accepting several encodings of one signature makes
 * signatures malleable, which breaks anything that uses them as identifiers or checks for replays,
 * so only the one canonical encoding is let through (as Tink does). Range checks of r and s are
 * left to the JDK.
 */
final class EcdsaDer {
  private EcdsaDer() {}

  static boolean isStrictDer(byte[] signature) {
    // Smallest possible: 30 06 02 01 rr 02 01 ss.
    if (signature.length < 8 || signature[0] != 0x30) {
      return false;
    }
    int pos = 1;
    int length = signature[pos++] & 0xff;
    if (length == 0x81) {
      // Long form is allowed only where the short form cannot express the length.
      length = signature[pos++] & 0xff;
      if (length < 0x80) {
        return false;
      }
    } else if (length >= 0x80) {
      return false; // longer forms never occur for curves up to P-521
    }
    if (pos + length != signature.length) {
      return false;
    }
    pos = skipInteger(signature, pos);
    if (pos < 0) {
      return false;
    }
    pos = skipInteger(signature, pos);
    return pos == signature.length;
  }

  /** Returns the position after a minimal, positive DER INTEGER at {@code pos}, or -1. */
  private static int skipInteger(byte[] der, int pos) {
    if (pos + 2 > der.length || der[pos] != 0x02) {
      return -1;
    }
    int length = der[pos + 1] & 0xff;
    int start = pos + 2;
    // Up to 67 bytes for P-521, so always the short length form.
    if (length == 0 || length >= 0x80 || start + length > der.length) {
      return -1;
    }
    if ((der[start] & 0x80) != 0) {
      return -1; // negative
    }
    if (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0) {
      return -1; // superfluous leading zero
    }
    return start + length;
  }
}
