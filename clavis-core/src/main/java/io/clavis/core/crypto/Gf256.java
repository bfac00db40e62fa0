package io.clavis.core.crypto;

/**
 * Arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B).
 *
 * <p>Multiplication is a fixed eight-round shift-and-add with masks instead of log/exp tables: the
 * operands are bytes of the root key, and table lookups indexed by secrets leak them through the
 * cache. Elements are ints in 0..255.
 */
final class Gf256 {
  private static final int REDUCTION = 0x11b;

  private Gf256() {}

  static int add(int a, int b) {
    return a ^ b;
  }

  static int mul(int a, int b) {
    int product = 0;
    for (int i = 0; i < 8; i++) {
      product ^= -(b & 1) & a; // add a when the low bit of b is set, without branching
      int carry = -((a >> 7) & 1);
      a = ((a << 1) ^ (carry & REDUCTION)) & 0xff;
      b >>= 1;
    }
    return product;
  }

  /** Returns the multiplicative inverse, a^254 (a^255 = 1); the inverse of 0 is taken as 0. */
  static int inverse(int a) {
    int power = mul(a, a); // a^2
    int result = power;
    for (int i = 0; i < 6; i++) {
      power = mul(power, power); // a^4, a^8, ..., a^128
      result = mul(result, power);
    }
    return result; // a^(2+4+8+16+32+64+128) = a^254
  }

  static int div(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero in GF(256)");
    }
    return mul(a, inverse(b));
  }
}
