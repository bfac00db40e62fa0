package io.clavis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed, validated access to a request's JSON object. Every accessor names the field in its error,
 * so a client learns exactly what to fix.
 */
public final class JsonBody {
  private final ObjectNode node;

  JsonBody(ObjectNode node) {
    this.node = node;
  }

  public static JsonBody empty() {
    return new JsonBody(JsonSupport.MAPPER.createObjectNode());
  }

  /** The body as compact JSON, the same bytes for the same content. */
  public byte[] canonicalBytes() {
    return JsonSupport.write(node);
  }

  /**
   * {@link #canonicalBytes} with the values of the named top-level fields replaced by one fixed
   * marker: the fields' presence counts, their values do not.
   */
  public byte[] canonicalBytesMasking(java.util.Set<String> fields) {
    ObjectNode masked = null;
    for (String field : fields) {
      if (node.has(field)) {
        if (masked == null) {
          masked = node.deepCopy();
        }
        masked.put(field, "(masked)");
      }
    }
    return JsonSupport.write(masked == null ? node : masked);
  }

  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  public String text(String field) {
    String v = optionalText(field);
    if (v == null) {
      throw ClavisException.invalid(field + " is required");
    }
    return v;
  }

  public String optionalText(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ClavisException.invalid(field + " must be a string");
    }
    return v.textValue();
  }

  public byte[] base64(String field) {
    byte[] v = optionalBase64(field);
    if (v == null) {
      throw ClavisException.invalid(field + " is required");
    }
    return v;
  }

  public byte[] optionalBase64(String field) {
    String v = optionalText(field);
    if (v == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new ClavisException(ErrorCode.INVALID_BASE64, field + " is not valid base64");
    }
  }

  public Integer optionalInt(String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
      throw ClavisException.invalid(field + " must be a whole number from " + min + " to " + max);
    }
    return v.intValue();
  }

  public long optionalLong(String field, long defaultValue) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ClavisException.invalid(field + " must be a whole number");
    }
    return v.longValue();
  }

  public boolean optionalBoolean(String field, boolean defaultValue) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw ClavisException.invalid(field + " must be true or false");
    }
    return v.booleanValue();
  }

  /** A JSON object of string values, or null when absent. */
  public Map<String, String> optionalStringMap(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw ClavisException.invalid(field + " must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw ClavisException.invalid(field + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** A field that may be a string or a whole number, as text (for durations such as ttl). */
  public String optionalScalar(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    throw ClavisException.invalid(field + " must be a string or a number");
  }

  /** A JSON array of strings (at most {@code maxItems}), or null when absent. */
  public java.util.List<String> optionalStringList(String field, int maxItems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw ClavisException.invalid(field + " must be an array of strings");
    }
    if (v.size() > maxItems) {
      throw ClavisException.invalid(field + " must have at most " + maxItems + " items");
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw ClavisException.invalid(field + " must be an array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** Like {@link #optionalStringList} but required and not empty. */
  public java.util.List<String> stringList(String field, int maxItems) {
    java.util.List<String> v = optionalStringList(field, maxItems);
    if (v == null || v.isEmpty()) {
      throw ClavisException.invalid(field + " is required: a non-empty array of strings");
    }
    return v;
  }

  /** A required, non-empty array of objects, each as a body of its own. */
  public java.util.List<JsonBody> objectList(String field, int maxItems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isArray() || v.isEmpty()) {
      throw ClavisException.invalid(field + " is required: a non-empty array of objects");
    }
    if (v.size() > maxItems) {
      throw ClavisException.invalid(field + " must have at most " + maxItems + " items");
    }
    java.util.List<JsonBody> out = new java.util.ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isObject()) {
        throw ClavisException.invalid(field + " must be an array of objects");
      }
      out.add(new JsonBody((ObjectNode) item));
    }
    return out;
  }
}
