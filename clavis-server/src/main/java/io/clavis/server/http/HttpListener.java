package io.clavis.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ResourceLeakDetector;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS socket: Netty with one I/O thread per core, OpenSSL (BoringSSL) for TLS and epoll where
 * the platform has them (the JDK's TLS and NIO otherwise; io_uring when asked for: {@link
 * SocketTransport}). It reads whole requests within the size limits and hands each to the
 * dispatcher on its connection's I/O thread.
 */
final class HttpListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
  private static final int MAX_REQUEST_LINE = 8 * 1024;
  private static final int MAX_HEADERS = 16 * 1024;
  private static final int MAX_CHUNK = 64 * 1024;
  private static final Duration IDLE = Duration.ofMinutes(5);

  /** Where and how to listen. */
  record Settings(
      String host,
      int port,
      PrivateKey tlsKey,
      List<X509Certificate> tlsChain,
      int maxBodyBytes,
      long backstopBytes) {}

  private final Settings settings;
  private final Consumer<HttpExchange> dispatcher;
  private final EventLoopGroup group;
  private final SocketTransport transport;
  private final SslContext tls;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Channel server;

  static {
    // Netty's buffer leak detector samples one allocation in 128 with a stack trace: a debugging
    // aid, on only when asked for (-Dio.netty.leakDetection.level=...).
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  HttpListener(Settings settings, Consumer<HttpExchange> dispatcher) {
    this(settings, dispatcher, SocketTransport.chosen());
  }

  HttpListener(Settings settings, Consumer<HttpExchange> dispatcher, SocketTransport transport) {
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.transport = transport;
    this.group =
        new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().name("https-io-", 0).daemon().factory(),
            transport.ioHandlers());
    this.tls = tlsContext(settings);
  }

  private static SslContext tlsContext(Settings settings) {
    try {
      return SslContextBuilder.forServer(
              settings.tlsKey(), settings.tlsChain().toArray(X509Certificate[]::new))
          .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          // Client certificates are optional and not judged by the TLS layer: only joining and
          // activation use them, and those endpoints check them against the candidate registry
          // and the cluster CA themselves.
          .clientAuth(ClientAuth.OPTIONAL)
          .trustManager(InsecureTrustManagerFactory.INSTANCE)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("the HTTPS listener's TLS settings are unusable", e);
    }
  }

  HttpListener start() {
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_REQUEST_LINE)
            .setMaxHeaderSize(MAX_HEADERS)
            .setMaxChunkSize(MAX_CHUNK);
    try {
      server =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(tls.newHandler(ch.alloc()))
                          .addLast(new HttpRequestDecoder(decoder))
                          .addLast(
                              new HttpConnection(
                                  dispatcher,
                                  settings.maxBodyBytes(),
                                  settings.backstopBytes(),
                                  IDLE));
                    }
                  })
              .bind(settings.host(), settings.port())
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new UncheckedIOException(
          new java.io.IOException(
              "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(),
              e));
    }
    LOG.info(
        "HTTPS on {} with {} TLS and {}",
        server.localAddress(),
        OpenSsl.isAvailable() ? "OpenSSL" : "JDK",
        transport);
    return this;
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Stops accepting connections; those open stay until {@link #close}. */
  void stopAccepting() {
    Channel s = server;
    if (s != null && s.isOpen()) {
      s.close().syncUninterruptibly();
    }
  }

  /** Stops listening and closes every connection; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopAccepting();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
