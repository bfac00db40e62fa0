package io.clavis.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class DevClusterOptionsTest {
  @Test
  void nodeProcessesGetAHeapWithAFloorAndClavisSwitchesOnly() {
    Properties p = new Properties();
    p.setProperty("clavis.openssl", "off");
    p.setProperty("clavis.io_uring", "off");
    p.setProperty("user.home", "/root");
    p.setProperty("clavis.some-future-secret", "x");
    p.setProperty("java.class.path", "x.jar");
    assertThat(DevCluster.childJvmOptions(p))
        .containsExactly("-Xmx512m", "-Xms256m", "-Dclavis.io_uring=off", "-Dclavis.openssl=off");
  }
}
