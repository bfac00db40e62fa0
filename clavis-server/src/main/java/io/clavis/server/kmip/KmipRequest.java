package io.clavis.server.kmip;

import java.util.List;

/** A parsed Request Message: its header and its batch items, in order. */
record KmipRequest(RequestHeader header, List<RequestItem> items) {
  KmipRequest {
    items = List.copyOf(items);
  }
}
