package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the crypto and list commands print and send, against a fake server with canned answers: the
 * tables, the JSON, the pages followed, and the order of options in usage errors.
 */
class CommandOutputTest {
  private static final String VAULT =
      "{\"id\":\"vault_1\",\"name\":\"v\",\"compartmentId\":\"tenancy\","
          + "\"protectionMode\":\"SOFTWARE\",\"createdAt\":\"2024-01-01T00:00:00Z\"}";

  /** Answers by path suffix. */
  private static final Map<String, String> ANSWERS =
      Map.of(
          "/encrypt", "{\"ciphertext\":\"CT1\",\"keyId\":\"key_1\",\"keyVersion\":2}",
          "/decrypt", "{\"plaintext\":\"aMOpbGxv\",\"keyId\":\"key_1\",\"keyVersion\":2}",
          "/sign",
              "{\"signature\":\"AQID\",\"keyId\":\"key_1\",\"keyVersion\":2,"
                  + "\"algorithm\":\"ECDSA_SHA256\"}",
          "/verify", "{\"valid\":false}",
          "/verify-mac", "{\"valid\":true}",
          "/mac", "{\"mac\":\"BAUG\",\"keyId\":\"key_1\",\"keyVersion\":1}");

  private final List<String> requests = new ArrayList<>();
  private HttpServer server;
  private String url;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = ex.getRequestURI().getRawPath();
          String query = ex.getRequestURI().getRawQuery();
          synchronized (requests) {
            String target = path + (query == null ? "" : "?" + query);
            requests.add((ex.getRequestMethod() + " " + target + " " + body).strip());
          }
          byte[] bytes = answer(path, query).getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The canned answer; the vault listing has two pages, the second one {@code p2}. */
  private static String answer(String path, String query) {
    if (path.equals("/v1/vaults")) {
      boolean lastPage = query != null && query.contains("page=p2");
      return "{\"items\":[" + VAULT + "]" + (lastPage ? "" : ",\"nextPage\":\"p2\"") + "}";
    }
    return ANSWERS.entrySet().stream()
        .filter(e -> path.endsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("{}");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private CliRunner.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add(url);
    CliRunner.Result r = new CliRunner().run(all.toArray(String[]::new));
    assertThat(r.err()).as("stderr").isEmpty();
    assertThat(r.exitCode()).isZero();
    return r;
  }

  @Test
  void encryptAndDecryptPrintTheResultThenTheKeyVersion() {
    assertThat(run("encrypt", "-k", "k1", "--plaintext", "héllo").out())
        .isEqualTo(
            """
            FIELD        VALUE
            CIPHERTEXT   CT1
            KEY ID       key_1
            KEY VERSION  2
            """);
    assertThat(run("decrypt", "--ciphertext", "CT1", "--text").out())
        .isEqualTo(
            """
            FIELD        VALUE
            PLAINTEXT    héllo
            KEY ID       key_1
            KEY VERSION  2
            """);
    assertThat(requests)
        .containsExactly(
            "POST /v1/keys/k1/encrypt {\"plaintext\":\"aMOpbGxv\"}",
            "POST /v1/decrypt {\"ciphertext\":\"CT1\"}");
  }

  @Test
  void signSendsAMessageOrADigestAndPrintsTheAlgorithmLast() {
    assertThat(run("sign", "-k", "k1", "--algorithm", "ECDSA_SHA256", "--message", "hi").out())
        .isEqualTo(
            """
            FIELD        VALUE
            SIGNATURE    AQID
            KEY ID       key_1
            KEY VERSION  2
            ALGORITHM    ECDSA_SHA256
            """);
    run("sign", "-k", "k1", "--algorithm", "ECDSA_SHA256", "--digest-base64", "AQID");
    assertThat(requests)
        .containsExactly(
            "POST /v1/keys/k1/sign {\"message\":\"aGk=\",\"algorithm\":\"ECDSA_SHA256\"}",
            "POST /v1/keys/k1/sign {\"digest\":\"AQID\",\"algorithm\":\"ECDSA_SHA256\"}");
  }

  @Test
  void macAndTheVerificationsPrintTheirResult() {
    assertThat(run("mac", "-k", "k1", "--message-base64", "AQ==").out())
        .isEqualTo(
            """
            FIELD        VALUE
            MAC          BAUG
            KEY ID       key_1
            KEY VERSION  1
            """);
    assertThat(run("verify-mac", "-k", "k1", "--message", "m", "--mac", "BAUG").out())
        .isEqualTo("FIELD  VALUE\nVALID  true\n");
    assertThat(
            run(
                    "verify",
                    "-k",
                    "k1",
                    "--algorithm",
                    "RSA_PSS_SHA256",
                    "--message",
                    "m",
                    "--signature",
                    "AQID",
                    "--key-version",
                    "2",
                    "-o",
                    "json")
                .out())
        .isEqualTo("{\n  \"valid\" : false\n}\n");
    assertThat(requests)
        .containsExactly(
            "POST /v1/keys/k1/mac {\"message\":\"AQ==\"}",
            "POST /v1/keys/k1/verify-mac {\"message\":\"bQ==\",\"mac\":\"BAUG\"}",
            "POST /v1/keys/k1/verify {\"message\":\"bQ==\",\"algorithm\":\"RSA_PSS_SHA256\","
                + "\"signature\":\"AQID\",\"keyVersion\":2}");
  }

  @Test
  void aListingTellsHowToGetTheNextPage() {
    assertThat(run("vault", "list").out())
        .isEqualTo(
            """
            ID       NAME  COMPARTMENT  PROTECTION  CREATED
            vault_1  v     tenancy      SOFTWARE    2024-01-01T00:00:00Z

            more: --page p2
            """);
    assertThat(requests).containsExactly("GET /v1/vaults");
  }

  @Test
  void allFollowsThePagesToTheEnd() {
    assertThat(run("vault", "list", "--all", "--limit", "5").out())
        .isEqualTo(
            """
            ID       NAME  COMPARTMENT  PROTECTION  CREATED
            vault_1  v     tenancy      SOFTWARE    2024-01-01T00:00:00Z
            vault_1  v     tenancy      SOFTWARE    2024-01-01T00:00:00Z
            """);
    assertThat(requests)
        .containsExactly("GET /v1/vaults?limit=5", "GET /v1/vaults?limit=5&page=p2");
  }

  @Test
  void usageErrorsNameTheOptionsInTheirUsualOrder() {
    CliRunner.Result verify = new CliRunner().run("verify", "--message", "x");
    assertThat(verify.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(verify.err())
        .startsWith(
            "error: Missing required options: '--key=KEY_ID', '--algorithm=ALGORITHM',"
                + " '--signature=B64'\n");
    CliRunner.Result sign = new CliRunner().run("sign", "-k", "k", "--algorithm", "A");
    assertThat(sign.err())
        .startsWith(
            "error: Missing required argument (specify one of these): (--message=TEXT |"
                + " --message-file=PATH | --message-base64=B64 | --digest-base64=B64 |"
                + " --digest-file=PATH)\n");
    CliRunner.Result mac = new CliRunner().run("mac", "-k", "k", "--digest-base64", "AA==");
    assertThat(mac.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(mac.err()).startsWith("error: Unknown options: '--digest-base64', 'AA=='\n");
  }
}
