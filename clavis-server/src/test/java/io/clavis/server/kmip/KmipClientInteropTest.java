package io.clavis.server.kmip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.kmip.client.KmipCipher;
import io.clavis.kmip.client.KmipCiphertext;
import io.clavis.kmip.client.KmipClient;
import io.clavis.kmip.client.KmipClientException;
import io.clavis.kmip.client.KmipKey;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.server.testing.TestNode;
import io.clavis.server.tls.ClusterCa;
import io.clavis.server.tls.Pem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's KMIP client ({@code io.clavis.kmip.client}) against two servers over real mutual
 * TLS: a Clavis node, and Debian's PyKMIP 0.10 server (a standard server the project does not
 * control), each at KMIP 1.4 and 2.0. The same key life cycle runs on both: Discover Versions,
 * Create, Locate by name, Activate, Get, Encrypt and Decrypt (GCM and CBC), a failed call's result,
 * Revoke and Destroy.
 */
class KmipClientInteropTest {

  /** Create to Destroy on one server, which must offer KMIP 1.4 and 2.0. */
  static void keyLifeCycle(KmipClient client) throws Exception {
    client.connect();
    client.connect(); // already open: nothing to do
    assertThat(client.discoverVersions(List.of())).contains(KmipVersion.V1_4, KmipVersion.V2_0);
    assertThat(client.discoverVersions(List.of(new KmipVersion(1, 99), client.version())))
        .containsExactly(client.version());

    String name = "interop-" + UUID.randomUUID();
    String id = client.createAesKey(256, name);
    assertThat(id).isNotBlank();
    assertThat(client.locateByName(name)).containsExactly(id);
    assertThat(client.locateByName("no-such-" + name)).isEmpty();
    client.activate(id);

    KmipKey key = client.get(id);
    assertThat(key.uniqueIdentifier()).isEqualTo(id);
    assertThat(key.type()).contains(ObjectType.SYMMETRIC_KEY);
    assertThat(key.cryptographicAlgorithm()).isEqualTo(CryptographicAlgorithm.AES.value());
    assertThat(key.cryptographicLength()).isEqualTo(256);
    assertThat(key.keyMaterial()).hasSize(32);
    assertThat(key.toString()).doesNotContain("keyMaterial");

    byte[] plaintext =
        "forty-two bytes of plaintext for the test.".getBytes(StandardCharsets.UTF_8);
    byte[] aad = "context".getBytes(StandardCharsets.UTF_8);
    KmipCiphertext gcm = client.encrypt(id, KmipCipher.gcm(), plaintext, aad);
    assertThat(gcm.iv()).isNotEmpty();
    assertThat(gcm.tag()).hasSize(16);
    assertThat(gcm.data()).isNotEqualTo(plaintext);
    assertThat(client.decrypt(id, KmipCipher.gcm(), gcm, aad)).isEqualTo(plaintext);

    KmipCiphertext cbc = client.encrypt(id, KmipCipher.cbc(), plaintext, null);
    assertThat(cbc.data()).hasSize(48); // 42 bytes padded to 3 blocks
    assertThat(client.decrypt(id, KmipCipher.cbc(), cbc, null)).isEqualTo(plaintext);

    assertThatThrownBy(() -> client.get("no-such-object-" + UUID.randomUUID()))
        .isInstanceOfSatisfying(
            KmipClientException.class,
            e -> {
              assertThat(e.resultStatus()).contains(ResultStatus.OPERATION_FAILED);
              assertThat(e.resultReasonValue()).isPositive();
              assertThat(e.getMessage()).startsWith("KMIP Get failed: Operation Failed, ");
            });
    // the failed call left the connection usable
    assertThat(client.get(id).uniqueIdentifier()).isEqualTo(id);

    client.revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION, "interop test");
    client.destroy(id);
    assertThatThrownBy(() -> client.get(id)).isInstanceOf(KmipClientException.class);
  }

  /** A client of 127.0.0.1:{@code port} at the version written {@code major.minor}. */
  static KmipClient client(int port, Path ca, Path[] pem, String version) {
    String[] parts = version.split("\\.");
    return KmipClient.builder()
        .host("127.0.0.1")
        .port(port)
        .tls(ca, pem[0], pem[1])
        .version(new KmipVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])))
        .build();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AgainstClavis {
    private TestNode node;
    private Path[] pem;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
      node = new TestNode(dir.resolve("node"));
      node.initialize("kmip-client-interop-passphrase");
      KmipTestIdentity client =
          KmipTestIdentity.registered(node, "kmip-client", List.of("key-admins"));
      pem = client.writePem(dir.resolve("client"));
    }

    @AfterAll
    void stop() {
      if (node != null) {
        node.close();
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.4", "2.0"})
    void runsTheKeyLifeCycle(String version) throws Exception {
      try (KmipClient client =
          client(node.node().kmipPort(), node.node().caCertPath(), pem, version)) {
        keyLifeCycle(client);
      }
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AgainstPyKmip {
    private Process server;
    private int port;
    private Path ca;
    private Path[] clientPem;
    private Path log;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
      PyKmipScripts.assumeAvailable("kmip.services.server");
      ClusterCa issuer = ClusterCa.create("pykmip-interop");
      ca = dir.resolve("ca.pem");
      Files.writeString(ca, issuer.certificatePem());
      Path[] serverPem =
          issue(issuer, "pykmip-server", List.of("127.0.0.1"), dir.resolve("server"));
      clientPem = issue(issuer, "kmip-client", List.of(), dir.resolve("client"));
      Path work = Files.createDirectories(dir.resolve("pykmip"));
      log = work.resolve("server.log");
      Path script = PyKmipScripts.copyScript(dir, "pykmip_server.py");
      server =
          new ProcessBuilder(
                  "/usr/bin/python3",
                  script.toString(),
                  serverPem[0].toString(),
                  serverPem[1].toString(),
                  ca.toString(),
                  work.toString())
              .redirectError(work.resolve("stderr.txt").toFile())
              .start();
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      // the script prints the port once the socket is bound; a dead server ends the stream
      String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS);
      assertThat(line)
          .as("the PyKMIP server's port; its stderr: %s", stderr(work))
          .isNotNull()
          .matches("[0-9]+");
      port = Integer.parseInt(line);
    }

    @AfterAll
    void stop() throws Exception {
      if (server != null) {
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.descendants().forEach(ProcessHandle::destroyForcibly);
          server.destroyForcibly();
        }
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.4", "2.0"})
    void runsTheKeyLifeCycle(String version) throws Exception {
      try (KmipClient client = client(port, ca, clientPem, version)) {
        keyLifeCycle(client);
      } catch (AssertionError | Exception e) {
        throw new AssertionError(
            "against PyKMIP at KMIP " + version + "; its log:\n" + tail(log), e);
      }
    }

    private static Path[] issue(ClusterCa issuer, String name, List<String> hosts, Path dir)
        throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = g.generateKeyPair();
      Files.createDirectories(dir);
      Path cert = dir.resolve(name + ".pem");
      Path key = dir.resolve(name + "-key.pem");
      Files.writeString(
          cert,
          Pem.certificate(
              issuer.issueNodeCertificate(name, pair.getPublic(), hosts, Duration.ofDays(1))));
      Files.writeString(key, Pem.encodePrivateKey(pair.getPrivate()));
      return new Path[] {cert, key};
    }

    private static String readLine(BufferedReader reader) {
      try {
        return reader.readLine();
      } catch (java.io.IOException e) {
        return null;
      }
    }

    private static String stderr(Path work) {
      return tail(work.resolve("stderr.txt"));
    }

    private static String tail(Path file) {
      try {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (java.io.IOException e) {
        return "(no " + file.getFileName() + ")";
      }
    }
  }
}
