package io.clavis.server.kmip.objects;

/**
 * What a Locate asks for: objects that have every one of the attributes (two instances of a date
 * attribute are a range), skipping {@code offsetItems} and answering at most {@code maximumItems}.
 *
 * @param maximumItems null for no limit
 * @param offsetItems how many matching objects to skip (KMIP 1.3 Offset Items); 0 for none
 */
public record LocateRequest(KmipAttributes attributes, Integer maximumItems, int offsetItems) {
  public LocateRequest {
    attributes = attributes == null ? KmipAttributes.empty() : attributes;
    if (maximumItems != null && maximumItems < 0) {
      throw KmipObjectException.invalidField("Maximum Items is not negative");
    }
    if (offsetItems < 0) {
      throw KmipObjectException.invalidField("Offset Items is not negative");
    }
  }

  public static LocateRequest of(KmipAttribute... attributes) {
    return new LocateRequest(KmipAttributes.of(attributes), null, 0);
  }
}
