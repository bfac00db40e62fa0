package io.clavis.server.kmip.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.testing.TestNode;
import io.clavis.server.tls.ClusterCa;
import io.clavis.server.tls.NodeTls;
import io.clavis.server.tls.Pem;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A KMIP client service of the tests: a key and certificate registered as a Clavis service (in the
 * given groups), and raw TTLV requests over mutual TLS, one connection per request.
 */
record KmipService(String name, PrivateKey key, X509Certificate certificate, int port, Path caPem) {
  private static final ClusterCa ISSUER = ClusterCa.create("kmip-operations-tests");

  static KmipService register(TestNode node, String name, List<String> groups) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    X509Certificate cert =
        ISSUER.issueNodeCertificate(name, pair.getPublic(), List.of(), Duration.ofDays(1));
    TestNode.Response r =
        node.call(
            "POST",
            "/v1/services",
            TestNode.json("name", name, "certificatePem", Pem.certificate(cert), "groups", groups));
    assertThat(r.status()).as("register %s: %s", name, r).isEqualTo(201);
    return new KmipService(
        name, pair.getPrivate(), cert, node.node().kmipPort(), node.node().caCertPath());
  }

  /** Writes the certificate and key as PEM files; returns {cert, key}. */
  Path[] writePem(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path c = dir.resolve(name + ".pem");
    Path k = dir.resolve(name + "-key.pem");
    Files.writeString(c, Pem.certificate(certificate));
    Files.writeString(k, Pem.encodePrivateKey(key));
    return new Path[] {c, k};
  }

  /** Sends one request message and returns the response message. */
  TtlvStructure call(TtlvStructure request) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", key, new char[0], new X509Certificate[] {certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", NodeTls.readCertificates(caPem).get(0));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(TtlvEncoder.encode(request));
      out.flush();
      InputStream in = new DataInputStream(s.getInputStream());
      byte[] header = in.readNBytes(8);
      if (header.length < 8) {
        throw new EOFException("the server closed the connection");
      }
      int length =
          ((header[4] & 0xFF) << 24)
              | ((header[5] & 0xFF) << 16)
              | ((header[6] & 0xFF) << 8)
              | (header[7] & 0xFF);
      byte[] message = Arrays.copyOf(header, 8 + length);
      if (in.readNBytes(message, 8, length) < length) {
        throw new EOFException("the response was cut short");
      }
      return TtlvDecoder.decode(message).as(TtlvStructure.class);
    }
  }

  /** Sends the items as one request of {@code version}; returns the response's batch items. */
  List<TtlvStructure> batch(KmipVersion version, TtlvStructure... items) throws Exception {
    TtlvStructure header =
        TtlvStructure.of(
            Tag.REQUEST_HEADER,
            TtlvStructure.of(
                Tag.PROTOCOL_VERSION,
                new TtlvInteger(Tag.PROTOCOL_VERSION_MAJOR, version.major()),
                new TtlvInteger(Tag.PROTOCOL_VERSION_MINOR, version.minor())),
            new TtlvInteger(Tag.BATCH_COUNT, items.length));
    List<TtlvStructure> numbered = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      // Several items need a Unique Batch Item ID each, after the Operation.
      List<Ttlv> fields = new ArrayList<>(items[i].children());
      if (items.length > 1) {
        fields.add(1, new TtlvByteString(Tag.UNIQUE_BATCH_ITEM_ID, new byte[] {(byte) i}));
      }
      numbered.add(new TtlvStructure(Tag.BATCH_ITEM, fields));
    }
    TtlvStructure response =
        call(TtlvStructure.builder(Tag.REQUEST_MESSAGE).add(header).addAll(numbered).build());
    return response.all(Tag.BATCH_ITEM, TtlvStructure.class);
  }

  /** Sends one item; returns the response item. */
  TtlvStructure one(KmipVersion version, Operation op, Ttlv... payload) throws Exception {
    return batch(version, item(op, payload)).get(0);
  }

  /** Every attribute of an object (Get Attributes), decoded from the version's form. */
  KmipAttributes attributes(KmipVersion version, String id) throws Exception {
    TtlvStructure p =
        KmipOperationsTest.ok(one(version, Operation.GET_ATTRIBUTES, KmipOperationsTest.uid(id)));
    if (version.major() >= 2) {
      return KmipAttributeCodec.decodeV2Attributes(p.structure(Tag.ATTRIBUTES));
    }
    List<KmipAttribute> out = new ArrayList<>();
    for (Ttlv a : p.children(Tag.ATTRIBUTE)) {
      out.add(KmipAttributeCodec.decodeV1(a).attribute());
    }
    return new KmipAttributes(out);
  }

  static TtlvStructure item(Operation op, Ttlv... payload) {
    return TtlvStructure.of(
        Tag.BATCH_ITEM,
        new TtlvEnumeration(Tag.OPERATION, op.value()),
        TtlvStructure.builder(Tag.REQUEST_PAYLOAD).addAll(List.of(payload)).build());
  }

  /** The attributes Get Attributes answers for an object, in the version's form, decoded. */
  KmipAttributes attributesOf(KmipVersion v, String id) throws Exception {
    TtlvStructure p =
        KmipOperationsTest.ok(one(v, Operation.GET_ATTRIBUTES, KmipOperationsTest.uid(id)));
    if (v.major() >= 2) {
      return KmipAttributeCodec.decodeV2Attributes(p.structure(Tag.ATTRIBUTES));
    }
    List<KmipAttribute> out = new ArrayList<>();
    for (Ttlv a : p.children(Tag.ATTRIBUTE)) {
      out.add(KmipAttributeCodec.decodeV1(a).attribute());
    }
    return new KmipAttributes(out);
  }

  /** The identifiers a Locate by these attributes finds. */
  List<String> locate(KmipVersion v, KmipAttribute... criteria) throws Exception {
    Ttlv[] payload;
    if (v.major() >= 2) {
      payload =
          new Ttlv[] {
            KmipAttributeCodec.encodeV2Attributes(Tag.ATTRIBUTES, KmipAttributes.of(criteria))
          };
    } else {
      payload = KmipAttributeCodec.encodeV1List(KmipAttributes.of(criteria)).toArray(new Ttlv[0]);
    }
    return KmipOperationsTest.ok(one(v, Operation.LOCATE, payload))
        .all(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class)
        .stream()
        .map(TtlvTextString::value)
        .toList();
  }

  /** The Key Value of a key got in a format, as the object (Private Key, Public Key) tag says. */
  TtlvStructure keyValue(KmipVersion v, String id, int objectTag, KeyFormatType format)
      throws Exception {
    TtlvStructure block =
        KmipOperationsTest.ok(
                one(
                    v,
                    Operation.GET,
                    KmipOperationsTest.uid(id),
                    new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, format.value())))
            .structure(objectTag)
            .structure(Tag.KEY_BLOCK);
    assertThat(block.enumeration(Tag.KEY_FORMAT_TYPE)).isEqualTo(format.value());
    return block.structure(Tag.KEY_VALUE);
  }
}
