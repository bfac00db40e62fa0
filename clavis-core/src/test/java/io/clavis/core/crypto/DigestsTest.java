package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DigestsTest {
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2, "abc"

  @Test
  void sha256OfTheStandardVector() {
    assertThat(HexFormat.of().formatHex(Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(ABC);
  }

  @Test
  void reusedDigestsCarryNothingOverBetweenCallsOrThreads() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    List<Future<String>> results = new ArrayList<>();
    try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService platform = Executors.newFixedThreadPool(2)) {
      for (int i = 0; i < 200; i++) {
        ExecutorService on = i % 2 == 0 ? virtual : platform;
        results.add(
            on.submit(
                () -> {
                  Digests.sha256(new byte[1000]);
                  return HexFormat.of().formatHex(Digests.sha256(abc));
                }));
      }
      for (Future<String> r : results) {
        assertThat(r.get()).isEqualTo(ABC);
      }
    }
  }
}
