package dev.beacon.support;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A UDP push subscriber on loopback that behaves like nacos-client's {@code PushReceiver} except that the test decides
 * when (and whether) to ack. Received datagrams are queued, decompressed when gzipped.
 */
public final class FakeSubscriber implements AutoCloseable {

  /** One received push: the parsed packet, its size on the wire, whether it was gzipped, and where it came from. */
  public record Push(JsonObject packet, int wireBytes, boolean gzipped, InetAddress from, int fromPort) {
    public long lastRefTime() {
      return packet.getLong("lastRefTime");
    }

    /** The list JSON carried as a string in {@code data}. */
    public JsonObject data() {
      return new JsonObject(packet.getString("data"));
    }
  }

  private final DatagramSocket socket;
  private final BlockingQueue<Push> received = new LinkedBlockingQueue<>();
  private final Thread reader;

  public FakeSubscriber() {
    try {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    reader = new Thread(this::read, "fake-push-subscriber");
    reader.setDaemon(true);
    reader.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void read() {
    byte[] buf = new byte[65536];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      byte[] bytes = Arrays.copyOf(p.getData(), p.getLength());
      boolean gzipped = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
      String text = new String(gzipped ? gunzip(bytes) : bytes, StandardCharsets.UTF_8);
      received.add(new Push(new JsonObject(text), bytes.length, gzipped, p.getAddress(), p.getPort()));
    }
  }

  /** The next push, or an AssertionError after {@code timeout}. */
  public Push next(Duration timeout) {
    Push p = poll(timeout);
    if (p == null) {
      throw new AssertionError("no push within " + timeout);
    }
    return p;
  }

  /** The next push, or null when none arrives within {@code timeout} (used to show that nothing more comes). */
  public Push poll(Duration timeout) {
    try {
      return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** Answers a push the way nacos-client does: lastRefTime as a string, to the packet's source. */
  public void ack(Push push) {
    send(new JsonObject().put("type", "push-ack").put("lastRefTime", String.valueOf(push.lastRefTime()))
        .put("data", ""), push);
  }

  public void send(JsonObject message, Push to) {
    byte[] bytes = message.encode().getBytes(StandardCharsets.UTF_8);
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, to.from(), to.fromPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
