package io.clavis.server.kmip.objects;

import static io.clavis.server.kmip.objects.ObjectsNode.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.identity.Principal;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may get a registered key: a public key, of a pair or held alone, needs only {@code read
 * keys}; a registered private key {@code use keys}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegisteredKeysAccessTest {
  private ObjectsNode n;
  private KeyPair pair;
  private String privateId;
  private String publicAloneId;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    n = new ObjectsNode(dir);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    pair = g.generateKeyPair();
    privateId =
        n.objects.register(
            n.root,
            new RegisterRequest(
                ObjectType.PRIVATE_KEY,
                null,
                SecretBytes.copyOf(pair.getPrivate().getEncoded()),
                null));
    publicAloneId =
        n.objects.register(
            n.root,
            new RegisterRequest(
                ObjectType.PUBLIC_KEY,
                null,
                SecretBytes.copyOf(pair.getPublic().getEncoded()),
                null));
  }

  @AfterAll
  void stop() {
    if (n != null) {
      n.close();
    }
  }

  @Test
  void publicKeysNeedReadAndPrivateKeysUse() throws Exception {
    Principal reader = n.service("allow service $me to read keys in tenancy");
    byte[] spki = pair.getPublic().getEncoded();
    assertThat(n.objects.get(reader, publicAloneId, null).value().toByteArray(SecretAccess.get()))
        .isEqualTo(spki);
    assertThat(
            n.objects
                .get(reader, privateId + ObjectId.PUBLIC_SUFFIX, null)
                .value()
                .toByteArray(SecretAccess.get()))
        .isEqualTo(spki);
    expect(() -> n.objects.get(reader, privateId, null), ResultReason.PERMISSION_DENIED);

    Principal user = n.service("allow service $me to use keys in tenancy");
    assertThat(n.objects.get(user, privateId, null).objectType()).isEqualTo(ObjectType.PRIVATE_KEY);
  }
}
