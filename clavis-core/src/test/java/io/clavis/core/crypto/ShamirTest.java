package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ShamirTest {

  @Property
  void anyThresholdSizedSubsetReconstructs(
      @ForAll @Size(min = 1, max = 64) byte[] secret,
      @ForAll @IntRange(min = 1, max = 12) int threshold,
      @ForAll @IntRange(min = 0, max = 8) int extraShares,
      @ForAll @IntRange(min = 0, max = 8) int extraUsed,
      @ForAll Random random) {
    int shareCount = threshold + extraShares;
    List<Share> shares = Shamir.split(secret, shareCount, threshold);
    assertThat(shares).hasSize(shareCount);
    int used = Math.min(shareCount, threshold + extraUsed);
    assertThat(Shamir.combine(pick(shares, used, random))).isEqualTo(secret);
  }

  @Property
  void fewerThanThresholdSharesGiveAnotherValue(
      @ForAll @Size(min = 16, max = 64) byte[] secret,
      @ForAll @IntRange(min = 2, max = 12) int threshold,
      @ForAll @IntRange(min = 0, max = 5) int extraShares,
      @ForAll @IntRange(min = 1, max = 11) int used,
      @ForAll Random random) {
    Assume.that(used < threshold);
    List<Share> shares = Shamir.split(secret, threshold + extraShares, threshold);
    // Each wrong byte is uniform, so a 16-byte match has probability 2^-128.
    assertThat(Shamir.combine(pick(shares, used, random))).isNotEqualTo(secret);
  }

  @Property
  void sharesOfOneSplitHaveDistinctPointsAndSecretLength(
      @ForAll @Size(min = 1, max = 40) byte[] secret,
      @ForAll @IntRange(min = 1, max = 255) int shareCount) {
    List<Share> shares = Shamir.split(secret, shareCount, Math.min(shareCount, 3));
    assertThat(shares).extracting(Share::x).doesNotHaveDuplicates().allMatch(x -> x >= 1);
    assertThat(shares).allMatch(s -> s.length() == secret.length);
  }

  @Property
  void encodeDecodeRoundTrips(
      @ForAll @IntRange(min = 1, max = 255) int x, @ForAll @Size(min = 1, max = 80) byte[] y) {
    Share share = new Share(x, y);
    Share decoded = Share.decode(share.encode());
    assertThat(decoded.x()).isEqualTo(x);
    assertThat(decoded.y()).isEqualTo(y);
    assertThat(Share.decode("  " + share.encode() + "\n").y()).isEqualTo(y);
  }

  @Property
  void decodeRejectsNonBase64(@ForAll String text) {
    Assume.that(!text.strip().matches("[A-Za-z0-9+/]*=*"));
    assertThatThrownBy(() -> Share.decode(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void decodeRejectsZeroX(@ForAll @Size(min = 1, max = 40) byte[] y) {
    byte[] raw = new byte[y.length + 1];
    System.arraycopy(y, 0, raw, 1, y.length);
    String encoded = Base64.getEncoder().encodeToString(raw);
    assertThatThrownBy(() -> Share.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void decodeRejectsMalformedShapes() {
    String valid = new Share(7, new byte[] {1, 2, 3, 4}).encode(); // "BwECAwQ="
    for (String bad :
        new String[] {
          "", // nothing
          "   ", // only whitespace
          "Bw==", // x only, no y
          "AAECAwQ=", // x = 0
          valid.substring(0, valid.length() - 1), // padding missing
          "BwECAwR=", // non-zero trailing bits: not the canonical encoding
          "BwEC AwQ=", // inner whitespace
          "BwECAwQ=BwECAwQ=", // two encodings glued together
          "BwECAwQ_", // URL-safe alphabet
          "!!!!"
        }) {
      assertThatThrownBy(() -> Share.decode(bad))
          .as("decode(%s)", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Example
  void combineRejectsInconsistentInput() {
    List<Share> shares = Shamir.split(new byte[] {1, 2, 3}, 3, 2);
    assertThatThrownBy(() -> Shamir.combine(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), shares.get(0))))
        .isInstanceOf(IllegalArgumentException.class);
    Share sameX = new Share(shares.get(0).x(), new byte[] {9, 9, 9});
    assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), sameX)))
        .isInstanceOf(IllegalArgumentException.class);
    Share shorter = new Share(9, new byte[] {1, 2});
    assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), shorter)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Share(0, new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Share(256, new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Share(1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void splitRejectsBadParameters() {
    byte[] secret = {1};
    int[][] bad = {{0, 0}, {1, 0}, {1, 2}, {3, 4}, {256, 2}, {256, 256}, {-1, -1}};
    for (int[] p : bad) {
      assertThatThrownBy(() -> Shamir.split(secret, p[0], p[1]))
          .as("split(%d shares, threshold %d)", p[0], p[1])
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Shamir.split(new byte[0], 3, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Shamir.split(secret, 255, 255)).hasSize(255);
    assertThat(Shamir.split(secret, 1, 1)).hasSize(1);
  }

  @Example
  void thresholdOneSharesAreTheSecret() {
    byte[] secret = {5, 6, 7};
    for (Share share : Shamir.split(secret, 4, 1)) {
      assertThat(Shamir.combine(List.of(share))).isEqualTo(secret);
    }
  }

  @Example
  void sharesDoNotLeakThroughToStringOrEquality() {
    Share share = new Share(3, new byte[] {0x41, 0x42, 0x43});
    assertThat(share.toString()).isEqualTo("Share[x=3, redacted, 3 bytes]");
    assertThat(share).isNotEqualTo(new Share(3, new byte[] {0x41, 0x42, 0x43}));
    byte[] y = share.y();
    y[0] = 0;
    assertThat(share.y()[0]).isEqualTo((byte) 0x41);
  }

  @Example
  void fieldArithmeticMatchesFips197() {
    // FIPS-197, section 4.2: {57} * {83} = {c1}, {57} * {13} = {fe}.
    assertThat(Gf256.mul(0x57, 0x83)).isEqualTo(0xc1);
    assertThat(Gf256.mul(0x57, 0x13)).isEqualTo(0xfe);
    // The AES S-box derivation: {53} and {ca} are inverses.
    assertThat(Gf256.inverse(0x53)).isEqualTo(0xca);
    for (int a = 1; a < 256; a++) {
      assertThat(Gf256.mul(a, Gf256.inverse(a))).as("a * a^-1 for a=%d", a).isEqualTo(1);
      assertThat(Gf256.mul(a, 1)).isEqualTo(a);
      assertThat(Gf256.mul(a, 0)).isZero();
    }
  }

  @Property
  void fieldMultiplicationIsCommutativeAndDistributive(
      @ForAll @IntRange(max = 255) int a,
      @ForAll @IntRange(max = 255) int b,
      @ForAll @IntRange(max = 255) int c) {
    assertThat(Gf256.mul(a, b)).isEqualTo(Gf256.mul(b, a));
    assertThat(Gf256.mul(a, b ^ c)).isEqualTo(Gf256.mul(a, b) ^ Gf256.mul(a, c));
    assertThat(Gf256.mul(Gf256.mul(a, b), c)).isEqualTo(Gf256.mul(a, Gf256.mul(b, c)));
  }

  private static List<Share> pick(List<Share> shares, int count, Random random) {
    List<Share> copy = new ArrayList<>(shares);
    Collections.shuffle(copy, random);
    return copy.subList(0, count);
  }
}
