package dev.beacon.raft;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test applier: entries are "key=value"; the reply is the previous value (or "-"); snapshots are lines. */
final class KvApplier implements RaftApplier {

  final Map<String, String> data = new ConcurrentHashMap<>();
  final AtomicInteger applies = new AtomicInteger();
  final AtomicInteger restores = new AtomicInteger();
  final AtomicInteger snapshots = new AtomicInteger();

  static byte[] put(String key, String value) {
    return (key + "=" + value).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CompletableFuture<byte[]> apply(byte[] entry) {
    applies.incrementAndGet();
    String s = new String(entry, StandardCharsets.UTF_8);
    int eq = s.indexOf('=');
    if (eq < 0) {
      return RaftApplier.done(("error: bad entry " + s).getBytes(StandardCharsets.UTF_8));
    }
    String previous = data.put(s.substring(0, eq), s.substring(eq + 1));
    return RaftApplier.done((previous == null ? "-" : previous).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] snapshot() {
    snapshots.incrementAndGet();
    StringBuilder b = new StringBuilder();
    new TreeMap<>(data).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void restore(byte[] snapshot) {
    restores.incrementAndGet();
    data.clear();
    for (String line : new String(snapshot, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        data.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
  }
}
