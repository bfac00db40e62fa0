package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The JSON conventions of the Clavis API, as a Jackson {@link ObjectMapper}: times as ISO-8601
 * strings ({@link Instant}), binary values as standard base64 ({@code byte[]}), unknown fields
 * ignored, null fields omitted when writing.
 *
 * <p>Serializing an SDK result with this mapper gives back the API's JSON form of that result (the
 * command line uses this for {@code --output json}).
 */
public final class ClavisJson {
  private ClavisJson() {}

  /** A new mapper configured with the API's conventions; callers may change their copy freely. */
  public static ObjectMapper newObjectMapper() {
    SimpleModule time = new SimpleModule("clavis-time");
    time.addSerializer(Instant.class, new InstantSerializer());
    time.addDeserializer(Instant.class, new InstantDeserializer());
    return new ObjectMapper()
        .registerModule(time)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .setDefaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
  }

  private static final class InstantSerializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return Instant.ofEpochSecond(p.getLongValue());
      }
      String text = p.getValueAsString();
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return Instant.parse(text.strip());
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e2) {
          return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 time");
        }
      }
    }
  }
}
