package io.clavis.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Binary data in a JSON answer, written as standard padded base64. The JDK's encoder (a CPU
 * intrinsic) produces the text and it goes into the output as it is: base64 never needs escaping.
 * This is several times faster than Jackson's own byte-array encoding for the kilobyte-sized
 * ciphertexts and plaintexts of the crypto operations.
 */
@JsonSerialize(using = Base64Bytes.Serializer.class)
public final class Base64Bytes {
  private final byte[] bytes;

  private Base64Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps (does not copy) {@code bytes}. */
  public static Base64Bytes of(byte[] bytes) {
    return new Base64Bytes(bytes);
  }

  /** The standard padded base64 of the bytes, as ASCII. */
  byte[] encoded() {
    return Base64.getEncoder().encode(bytes);
  }

  /** Never the data: answers may hold plaintext or key material. */
  @Override
  public String toString() {
    return "Base64Bytes[" + bytes.length + " bytes]";
  }

  static final class Serializer extends StdSerializer<Base64Bytes> {
    Serializer() {
      super(Base64Bytes.class);
    }

    @Override
    public void serialize(Base64Bytes value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      byte[] text = value.encoded();
      if (gen instanceof UTF8JsonGenerator) {
        gen.writeRawUTF8String(text, 0, text.length);
      } else {
        gen.writeString(new String(text, StandardCharsets.ISO_8859_1));
      }
    }
  }
}
