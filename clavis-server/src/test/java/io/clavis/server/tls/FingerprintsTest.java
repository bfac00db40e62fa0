package io.clavis.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  private final ClusterCa ca = ClusterCa.create("fp");
  private final X509Certificate cert = ca.certificate();

  @Test
  void formatIsUpperCaseHexPairsSeparatedByColons() throws Exception {
    String fp = Fingerprints.sha256(cert);

    assertThat(fp).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    assertThat(fp.replace(":", "")).isEqualTo(HexFormat.of().withUpperCase().formatHex(digest));
    assertThat(Fingerprints.sha256(cert.getEncoded())).isEqualTo(fp);
    assertThat(ca.fingerprint()).isEqualTo(fp);
  }

  @Test
  void formatIsWhatOpensslPrints(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
    Path pem = dir.resolve("ca.pem");
    Files.writeString(pem, Pem.certificate(cert));
    Process p =
        new ProcessBuilder(
                OPENSSL.toString(),
                "x509",
                "-noout",
                "-fingerprint",
                "-sha256",
                "-in",
                pem.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    assertThat(p.exitValue()).as(out).isZero();

    // "sha256 Fingerprint=AB:CD:..." (older versions print "SHA256 Fingerprint=").
    assertThat(out.toLowerCase(Locale.ROOT)).startsWith("sha256 fingerprint=");
    assertThat(out.substring(out.indexOf('=') + 1)).isEqualTo(Fingerprints.sha256(cert));
    assertThat(Fingerprints.matches(out, cert)).isTrue();
  }

  @Test
  void matchesAcceptsTheUsualVariants() {
    String fp = Fingerprints.sha256(cert);

    assertThat(Fingerprints.matches(fp, cert)).isTrue();
    assertThat(Fingerprints.matches(fp.toLowerCase(Locale.ROOT), cert)).isTrue();
    assertThat(Fingerprints.matches(fp.replace(":", ""), cert)).isTrue();
    assertThat(Fingerprints.matches(fp.replace(":", "").toLowerCase(Locale.ROOT), cert)).isTrue();
    assertThat(Fingerprints.matches("  \t" + fp + "\n", cert)).isTrue();
    assertThat(Fingerprints.matches("SHA256 Fingerprint=" + fp, cert)).isTrue();
  }

  @Test
  void matchesRejectsOtherCertificatesAndMalformedValues() {
    String fp = Fingerprints.sha256(cert);
    X509Certificate other = ClusterCa.create("other").certificate();

    assertThat(Fingerprints.matches(fp, other)).isFalse();
    assertThat(Fingerprints.matches(null, cert)).isFalse();
    assertThat(Fingerprints.matches("", cert)).isFalse();
    assertThat(Fingerprints.matches(fp.substring(3), cert)).isFalse();
    assertThat(Fingerprints.matches(fp + ":00", cert)).isFalse();
    assertThat(Fingerprints.matches(fp.replace(':', ' '), cert)).isFalse();
    assertThat(Fingerprints.matches(fp.replaceFirst("[0-9A-F]", "G"), cert)).isFalse();
  }

  @Test
  void normalizeGivesTheCanonicalForm() {
    String fp = Fingerprints.sha256(cert);

    assertThat(Fingerprints.normalize(" " + fp.replace(":", "").toLowerCase(Locale.ROOT)))
        .isEqualTo(fp);
    assertThat(Fingerprints.parse(fp)).isPresent();
    assertThat(Fingerprints.parse("nope")).isEmpty();
    assertThatThrownBy(() -> Fingerprints.normalize("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
