package dev.beacon.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Streaming JSON encoding (Jackson core) for the hot responses, without building a tree per request. */
public final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {
  }

  /** Something that writes itself to a generator. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  public static byte[] encode(Writer writer) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(512); JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
