package io.clavis.server.node;

import io.clavis.core.crypto.SecureRandoms;
import io.clavis.server.seal.Seal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * Development convenience, never for production: the unseal passphrase and the root token are kept
 * in plain files in the data directory so that a dev node initialises and unseals itself.
 */
public final class DevMode {
  static final String PASSPHRASE_FILE = "dev-unseal.key";
  static final String TOKEN_FILE = "dev-root-token";

  private DevMode() {}

  /** Initialises (first run) or unseals (later runs) the node; returns the root token. */
  public static String bootstrap(ClavisNode node) throws IOException {
    Path data = node.dataDir();
    Path passFile = data.resolve(PASSPHRASE_FILE);
    Path tokenFile = data.resolve(TOKEN_FILE);
    Seal seal = node.seal();
    if (seal.status() == Seal.Status.UNINITIALIZED) {
      String passphrase =
          Base64.getUrlEncoder().withoutPadding().encodeToString(SecureRandoms.bytes(32));
      writeSecret(passFile, passphrase);
      Seal.InitResult result = seal.initializeWithPassphrase(node.raft(), passphrase.toCharArray());
      writeSecret(tokenFile, result.rootToken());
      return result.rootToken();
    }
    if (!Files.exists(passFile) || !Files.exists(tokenFile)) {
      throw new IOException(
          data + " was not created by dev mode (no " + PASSPHRASE_FILE + "); use 'clavis server'");
    }
    if (seal.status() == Seal.Status.SEALED) {
      seal.unsealWithPassphrase(
          Files.readString(passFile, StandardCharsets.UTF_8).trim().toCharArray());
    }
    return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
  }

  private static void writeSecret(Path file, String value) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
  }
}
