package io.clavis.server.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.testing.TestNode;
import io.clavis.server.tls.ClusterCa;
import io.clavis.server.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;

/** A KMIP client's key and certificate, issued by a CA of the test's own. */
record KmipTestIdentity(String name, PrivateKey key, X509Certificate certificate) {
  private static final ClusterCa ISSUER = ClusterCa.create("kmip-tests");

  static KmipTestIdentity generate(String name) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    return new KmipTestIdentity(
        name,
        pair.getPrivate(),
        ISSUER.issueNodeCertificate(name, pair.getPublic(), List.of(), Duration.ofDays(1)));
  }

  /** Generates an identity and registers it as a service (root token) in the given groups. */
  static KmipTestIdentity registered(TestNode node, String name, List<String> groups)
      throws Exception {
    KmipTestIdentity id = generate(name);
    TestNode.Response r =
        node.call(
            "POST",
            "/v1/services",
            TestNode.json(
                "name",
                name,
                "certificatePem",
                Pem.certificate(id.certificate()),
                "groups",
                groups));
    assertThat(r.status()).as("register %s: %s", name, r).isEqualTo(201);
    return id;
  }

  /** Writes client.pem and client-key.pem into {@code dir}; returns {cert, key}. */
  Path[] writePem(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + "-key.pem");
    Files.writeString(cert, Pem.certificate(certificate));
    Files.writeString(key, Pem.encodePrivateKey(key()));
    return new Path[] {cert, key};
  }
}
