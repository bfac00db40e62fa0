package io.clavis.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.state.StateJson;
import java.io.IOException;
import java.util.Map;

/** JSON in and out of the REST API, with limits on what a request may contain. */
final class JsonSupport {
  static final ObjectMapper MAPPER = StateJson.MAPPER.copy();
  static final int MAX_NAME_LENGTH = 256;

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxNumberLength(32)
                .maxNameLength(MAX_NAME_LENGTH)
                // The body limit (from the largest plaintext a node takes) bounds every string;
                // Jackson's own default (20 million characters) would cap it below that limit.
                .maxStringLength(Integer.MAX_VALUE)
                .build());
    // A body is one JSON value: '{"a":1} junk' or two objects in a row are not valid JSON.
    MAPPER.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private JsonSupport() {}

  static JsonBody parseObject(byte[] body) {
    if (body.length == 0) {
      return JsonBody.empty();
    }
    ObjectNode flat = FlatJson.parse(body, MAX_NAME_LENGTH, Integer.MAX_VALUE);
    if (flat != null) {
      return new JsonBody(flat);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ClavisException(ErrorCode.MALFORMED_JSON, "request body is not valid JSON");
    }
    if (node == null || node.isMissingNode()) {
      return JsonBody.empty();
    }
    if (!node.isObject()) {
      throw new ClavisException(ErrorCode.MALFORMED_JSON, "request body must be a JSON object");
    }
    return new JsonBody((ObjectNode) node);
  }

  static byte[] write(Object value) {
    if (value instanceof Map<?, ?> answer) {
      byte[] flat = FlatJson.write(answer);
      if (flat != null) {
        return flat;
      }
    }
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise response", e);
    }
  }
}
