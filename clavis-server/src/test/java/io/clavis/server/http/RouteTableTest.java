package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable<String> table = new RouteTable<>();

  {
    table.add(Method.GET, "/v1/keys", "list keys");
    table.add(Method.POST, "/v1/keys", "create key");
    table.add(Method.GET, "/v1/keys/{id}", "get key");
    table.add(Method.POST, "/v1/keys/{id}/encrypt", "encrypt");
    table.add(Method.POST, "/v1/decrypt", "decrypt");
    table.add(Method.POST, "/v1/policies/explain", "explain");
    table.add(Method.GET, "/v1/policies/{id}", "get policy");
    table.add(Method.DELETE, "/v1/groups/{id}/members/{member}", "remove member");
    table.add(Method.GET, "/v1/sys/health", "health");
  }

  private Object find(Method method, String path) {
    return table.find(method, path);
  }

  @Test
  void literalPathsAndPathParameters() {
    assertThat(find(Method.GET, "/v1/keys"))
        .isEqualTo(new RouteTable.Found<>("list keys", Map.of()));
    assertThat(find(Method.POST, "/v1/keys/key_1/encrypt"))
        .isEqualTo(new RouteTable.Found<>("encrypt", Map.of("id", "key_1")));
    assertThat(find(Method.DELETE, "/v1/groups/ops/members/alice"))
        .isEqualTo(new RouteTable.Found<>("remove member", Map.of("id", "ops", "member", "alice")));
  }

  @Test
  void aLiteralSegmentWinsAndAParameterTakesWhatTheLiteralDoesNotServe() {
    assertThat(find(Method.POST, "/v1/policies/explain"))
        .isEqualTo(new RouteTable.Found<>("explain", Map.of()));
    // GET is not served by the literal route: the parameter route takes it
    assertThat(find(Method.GET, "/v1/policies/explain"))
        .isEqualTo(new RouteTable.Found<>("get policy", Map.of("id", "explain")));
  }

  @Test
  void anotherMethodIs405AndNothingIs404() {
    assertThat(find(Method.DELETE, "/v1/keys")).isInstanceOf(RouteTable.MethodNotAllowed.class);
    assertThat(find(Method.GET, "/v1/keys/key_1/encrypt"))
        .isInstanceOf(RouteTable.MethodNotAllowed.class);
    assertThat(find(Method.GET, "/v1/nothing")).isInstanceOf(RouteTable.NotFound.class);
    assertThat(find(Method.GET, "/v1/keys/key_1/encrypt/more"))
        .isInstanceOf(RouteTable.NotFound.class);
    assertThat(find(Method.GET, "/v1")).isInstanceOf(RouteTable.NotFound.class);
    assertThat(find(Method.GET, "/")).isInstanceOf(RouteTable.NotFound.class);
    assertThat(find(Method.GET, "")).isInstanceOf(RouteTable.NotFound.class);
  }

  @Test
  void emptySegmentsMatchNoParameter() {
    assertThat(find(Method.GET, "/v1/keys/")).isInstanceOf(RouteTable.NotFound.class);
    assertThat(find(Method.POST, "/v1/keys//encrypt")).isInstanceOf(RouteTable.NotFound.class);
    assertThat(find(Method.GET, "/v1/sys/health/")).isInstanceOf(RouteTable.NotFound.class);
    assertThat(find(Method.GET, "//v1/keys")).isInstanceOf(RouteTable.NotFound.class);
  }

  @Test
  void malformedOrDuplicateRoutesAreRefused() {
    assertThatThrownBy(() -> table.add(Method.GET, "/v1/keys", "again"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.add(Method.GET, "v1/x", "relative"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.add(Method.GET, "/v1//x", "empty"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.add(Method.GET, "/v1/keys/{name}/x", "renamed"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
