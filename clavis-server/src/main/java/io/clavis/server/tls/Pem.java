package io.clavis.server.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Certificates and private keys to and from PEM text (as they travel in JSON and sit in files), and
 * atomic PEM file writes.
 */
public final class Pem {
  static final Set<PosixFilePermission> SECRET_MODE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC_MODE = PosixFilePermissions.fromString("rw-r--r--");

  private Pem() {}

  /** One certificate as PEM text. */
  public static String certificate(X509Certificate cert) {
    return encode(cert);
  }

  /**
   * The first certificate in a PEM text.
   *
   * @throws IllegalArgumentException if there is none or it is malformed
   */
  public static X509Certificate parseCertificate(String pem) {
    try {
      List<X509Certificate> certs = certificates(pem);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("not a PEM certificate");
      }
      return certs.get(0);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("not a PEM certificate", e);
    }
  }

  /** PEM text of the certificates, in order. */
  public static String encode(X509Certificate... certificates) {
    return encodeObjects((Object[]) certificates);
  }

  /** PEM text of the certificates, in order. */
  public static String encode(List<X509Certificate> certificates) {
    return encodeObjects(certificates.toArray());
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public static String encodePrivateKey(PrivateKey key) {
    try {
      return encodeObjects(new JcaPKCS8Generator(key, null).generate());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode private key: " + e.getMessage(), e);
    }
  }

  private static String encodeObjects(Object... values) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      for (Object v : values) {
        w.writeObject(v);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot PEM-encode: " + e.getMessage(), e);
    }
    return sw.toString();
  }

  /** Every certificate in the PEM text, in order; other PEM objects are skipped. */
  public static List<X509Certificate> certificates(String pem) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = p.readObject()) != null) {
        if (o instanceof X509CertificateHolder h) {
          out.add(new JcaX509CertificateConverter().getCertificate(h));
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("bad certificate: " + e.getMessage(), e);
    }
    return out;
  }

  /** The first private key in the PEM text (PKCS#8 or traditional OpenSSL format). */
  public static PrivateKey privateKey(String pem) throws IOException {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      Object o;
      while ((o = p.readObject()) != null) {
        if (o instanceof PrivateKeyInfo info) {
          return conv.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return conv.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    }
    throw new IOException("no private key");
  }

  /**
   * Writes {@code text} to {@code file} through a temporary file in the same directory and an
   * atomic rename, so readers see either the old or the new content. Secret files get mode 0600
   * from the moment they exist; others 0644 (on POSIX file systems).
   */
  public static void writeAtomically(Path file, String text, boolean secret) throws IOException {
    Path tmp = writeTemp(file, text, secret);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Like {@link #writeAtomically} but never replaces an existing file.
   *
   * @return false if {@code file} already existed (and was left alone)
   */
  static boolean createAtomically(Path file, String text, boolean secret) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path tmp = writeTemp(file, text, secret);
    try {
      Files.move(tmp, file);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path writeTemp(Path file, String text, boolean secret) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = isPosix();
    // With POSIX permissions the temporary file is 0600 before any byte is written.
    Path tmp =
        posix
            ? Files.createTempFile(
                dir,
                "." + file.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(SECRET_MODE))
            : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    if (posix && !secret) {
      Files.setPosixFilePermissions(tmp, PUBLIC_MODE);
    }
    return tmp;
  }

  static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
