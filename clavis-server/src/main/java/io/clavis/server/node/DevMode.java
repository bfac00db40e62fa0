package io.clavis.server.node;

import io.clavis.core.crypto.SecureRandoms;
import io.clavis.server.seal.Seal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Development convenience, never for production: the unseal passphrase and the root token are kept
 * in plain files in the data directory so that a dev node initialises and unseals itself.
 */
public final class DevMode {
  public static final String PASSPHRASE_FILE = "dev-unseal.key";
  public static final String TOKEN_FILE = "dev-root-token";

  private DevMode() {}

  /** Initialises (first run) or unseals (later runs) the node; returns the root token. */
  public static String bootstrap(ClavisNode node) throws IOException, InterruptedException {
    Path data = node.dataDir();
    Path passFile = data.resolve(PASSPHRASE_FILE);
    Path tokenFile = data.resolve(TOKEN_FILE);
    Seal seal = node.seal();
    if (seal.status() == Seal.Status.UNINITIALIZED && !node.isClusterMember()) {
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
    unsealIfDev(node, Duration.ofMinutes(3));
    return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
  }

  /**
   * Unseals a node whose data directory holds a dev passphrase file; a node that has just joined
   * first waits for the seal to reach it through the log. Returns whether it did.
   */
  public static boolean unsealIfDev(ClavisNode node, Duration wait)
      throws IOException, InterruptedException {
    Optional<String> passphrase = passphrase(node.dataDir());
    if (passphrase.isEmpty()) {
      return false;
    }
    Seal seal = node.seal();
    long deadline = System.nanoTime() + wait.toNanos();
    Seal.Status status;
    while ((status = statusOrStarting(seal)) == Seal.Status.UNINITIALIZED
        && System.nanoTime() < deadline) {
      Thread.sleep(100); // the seal arrives with the leader's log or snapshot
    }
    if (status == Seal.Status.SEALED) {
      seal.unsealWithPassphrase(passphrase.get().toCharArray());
    }
    return seal.status() == Seal.Status.UNSEALED;
  }

  /** The seal status, or UNINITIALIZED while a snapshot from the leader is being installed. */
  private static Seal.Status statusOrStarting(Seal seal) {
    try {
      return seal.status();
    } catch (io.clavis.server.error.ClavisException e) {
      return Seal.Status.UNINITIALIZED;
    }
  }

  /** The dev passphrase kept in a data directory, if it is a dev node's. */
  public static Optional<String> passphrase(Path dataDir) throws IOException {
    Path f = dataDir.resolve(PASSPHRASE_FILE);
    return Files.exists(f)
        ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).trim())
        : Optional.empty();
  }

  /** Gives another node's data directory the dev secrets, so that it unseals itself too. */
  public static void copySecrets(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : new String[] {PASSPHRASE_FILE, TOKEN_FILE}) {
      writeSecret(
          to.resolve(name), Files.readString(from.resolve(name), StandardCharsets.UTF_8).trim());
    }
  }

  private static void writeSecret(Path file, String value) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
  }
}
