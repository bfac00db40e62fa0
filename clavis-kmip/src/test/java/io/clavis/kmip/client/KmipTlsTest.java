package io.clavis.kmip.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KmipTlsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA", "Ed25519"})
  void readsPkcs8KeysOfEachAlgorithm(String algorithm) throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    Path file = dir.resolve(algorithm + ".pem");
    Files.writeString(
        file,
        "some comment\n-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");

    PrivateKey key = KmipTls.privateKey(file);

    assertThat(key.getAlgorithm()).isIn(algorithm, "EdDSA");
    assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void refusesATraditionalKeyWithTheCommandThatConvertsIt() throws Exception {
    Path file = dir.resolve("ec.pem");
    Files.writeString(file, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

    assertThatThrownBy(() -> KmipTls.privateKey(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no unencrypted PKCS#8 private key")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
        .hasMessageNotContaining("AAAA");
  }

  @Test
  void refusesKeyBytesOfNoKnownAlgorithmWithoutQuotingThem() throws Exception {
    Path file = dir.resolve("junk.pem");
    Files.writeString(
        file, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGJ5dGVz\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> KmipTls.privateKey(file))
        .hasMessage("the private key in " + file + " is not an EC, RSA or EdDSA PKCS#8 key");
  }

  @Test
  void namesMissingFiles() {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> KmipTls.privateKey(missing))
        .hasMessage("key file not found: " + missing);
    assertThatThrownBy(() -> KmipTls.mutual(missing, missing, missing))
        .hasMessage("certificate file not found: " + missing);
  }
}
