package io.clavis.server.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * How the listener's I/O threads talk to the kernel: epoll, else the JDK's NIO; io_uring when asked
 * for with {@code -Dclavis.io_uring=on} and the kernel allows it (the sends and receives of a round
 * of answers go to the kernel in one call, not one system call each). Not the default: a node
 * killed behind a load balancer closes its io_uring connections a moment after it ends (most likely
 * when the kernel tears the ring down), and the balancer can meanwhile send a request into one (ADR
 * 18).
 */
enum SocketTransport {
  IO_URING("io_uring"),
  EPOLL("epoll"),
  NIO("NIO");

  static final String PROPERTY = "clavis.io_uring";

  private final String label;

  SocketTransport(String label) {
    this.label = label;
  }

  /** The transport the node's settings ask for, as far as this platform offers it. */
  static SocketTransport chosen() {
    if ("on".equalsIgnoreCase(System.getProperty(PROPERTY, "off")) && IoUring.isAvailable()) {
      return IO_URING;
    }
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  IoHandlerFactory ioHandlers() {
    return switch (this) {
      case IO_URING -> IoUringIoHandler.newFactory();
      case EPOLL -> EpollIoHandler.newFactory();
      case NIO -> NioIoHandler.newFactory();
    };
  }

  Class<? extends ServerChannel> serverChannel() {
    return switch (this) {
      case IO_URING -> IoUringServerSocketChannel.class;
      case EPOLL -> EpollServerSocketChannel.class;
      case NIO -> NioServerSocketChannel.class;
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
