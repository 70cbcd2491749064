package dev.beacon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** jcmd and jstat of the running JDK against a child process, each call bounded in time. */
public final class JdkTools {

  private JdkTools() {
  }

  static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs a tool to its end (or kills it after {@code timeoutSeconds}) and returns its output; fails on non-zero exit. */
  static String run(long timeoutSeconds, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      StringBuilder out = new StringBuilder();
      Thread reader = new Thread(() -> {
        try {
          out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // the process was killed
        }
      });
      reader.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(Arrays.toString(cmd) + " timed out after " + timeoutSeconds + " s");
      }
      reader.join(5000);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(Arrays.toString(cmd) + " exited " + p.exitValue() + ": " + out);
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + Arrays.toString(cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Forces a full GC in the process. */
  public static void gc(long pid) {
    run(120, tool("jcmd"), String.valueOf(pid), "GC.run");
  }

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  /** Used heap in bytes from {@code GC.heap_info} (the first "used NK": the whole heap). */
  public static long heapUsed(long pid) {
    String out = run(60, tool("jcmd"), String.valueOf(pid), "GC.heap_info");
    Matcher m = HEAP_USED.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no 'used NK' in GC.heap_info output:\n" + out);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private static final Pattern REGION = Pattern.compile("region size (\\d+)K");

  /** G1's region size in bytes from {@code GC.heap_info}, or -1 for other collectors. */
  public static long regionSize(long pid) {
    Matcher m = REGION.matcher(run(60, tool("jcmd"), String.valueOf(pid), "GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  /** Live bytes from {@code GC.class_histogram} (which runs a full GC first): its "Total" line. */
  public static long liveBytes(long pid) {
    String out = run(300, tool("jcmd"), String.valueOf(pid), "GC.class_histogram");
    String[] lines = out.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].trim();
      if (l.startsWith("Total")) {
        String[] f = l.split("\\s+");
        return Long.parseLong(f[f.length - 1]);
      }
    }
    throw new IllegalStateException("no Total line in GC.class_histogram output");
  }

  /** One {@code jstat -gc} sample: sizes in KB as jstat prints them, GC counts and times. */
  public record GcSample(double edenCapacityKb, double edenUsedKb, double survivorUsedKb, double oldUsedKb,
                         long youngGcs, long fullGcs, long concurrentGcs, double gcTimeSeconds) {
  }

  /** {@code jstat -gc <pid> 1000 <count>}: one sample per second. */
  public static List<GcSample> jstatGc(long pid, int count) {
    String out = run(count + 30L, tool("jstat"), "-gc", String.valueOf(pid), "1000", String.valueOf(count));
    List<GcSample> samples = new ArrayList<>();
    List<String> header = null;
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 5) {
        continue;
      }
      if (f[0].equals("S0C")) {
        header = Arrays.asList(f);
        continue;
      }
      if (header == null || f.length != header.size()) {
        continue;
      }
      List<String> h = header;
      Function<String, Double> col = n -> h.contains(n) && !f[h.indexOf(n)].equals("-")
          ? Double.parseDouble(f[h.indexOf(n)]) : 0.0;
      samples.add(new GcSample(col.apply("EC"), col.apply("EU"), col.apply("S0U") + col.apply("S1U"),
          col.apply("OU"), col.apply("YGC").longValue(), col.apply("FGC").longValue(), col.apply("CGC").longValue(),
          col.apply("GCT")));
    }
    if (samples.size() < 2) {
      throw new IllegalStateException("too few jstat samples:\n" + out);
    }
    return samples;
  }

  /**
   * Bytes allocated over the samples, estimated from eden: growth of eden-used between samples, and across a young
   * GC the rest of eden before it (eden fills before a young GC) plus eden-used after it.
   */
  public static double allocatedBytes(List<GcSample> s) {
    double kb = 0;
    for (int i = 1; i < s.size(); i++) {
      GcSample a = s.get(i - 1);
      GcSample b = s.get(i);
      if (b.youngGcs() == a.youngGcs() && b.fullGcs() == a.fullGcs()) {
        kb += Math.max(0, b.edenUsedKb() - a.edenUsedKb());
      } else {
        kb += Math.max(0, a.edenCapacityKb() - a.edenUsedKb()) + b.edenUsedKb();
      }
    }
    return kb * 1024;
  }
}
