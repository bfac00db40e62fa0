package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Who the server takes the caller to be ({@code GET /v1/auth/whoami}).
 *
 * @param type {@code root}, {@code user} or {@code service}
 * @param groups the names of the caller's groups
 * @param authMethod how the caller proved who it is: {@code root-token}, {@code token}, {@code
 *     certificate}...
 * @param tokenId the token presented, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhoAmI(
    String id, String name, String type, List<String> groups, String authMethod, String tokenId) {
  public WhoAmI {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
