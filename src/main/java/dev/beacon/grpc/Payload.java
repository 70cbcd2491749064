package dev.beacon.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Nacos gRPC message: {@code Payload{Metadata metadata = 2; Any body = 3}} with
 * {@code Metadata{string type = 3; map<string,string> headers = 7; string clientIp = 8}} and the JSON of the request or
 * response in {@code Any.value} (field 2; the type URL stays empty). Encoded and decoded by hand with protobuf's
 * stream classes: five fields do not justify generated code and a protoc step in the build.
 */
public record Payload(String type, String clientIp, Map<String, String> headers, Buffer json) {

  private static final int METADATA = 2;
  private static final int BODY = 3;
  private static final int TYPE = 3;
  private static final int HEADERS = 7;
  private static final int CLIENT_IP = 8;
  private static final int ANY_VALUE = 2;
  private static final int MAP_KEY = 1;
  private static final int MAP_VALUE = 2;

  /** A message Beacon sends: no client IP, no headers. */
  public static Payload of(String type, JsonObject body) {
    return new Payload(type, "", Map.of(), body.toBuffer());
  }

  /** The body as JSON; a body that is not a JSON object is the client's mistake. */
  public JsonObject body() {
    try {
      JsonObject body = json.length() == 0 ? new JsonObject() : new JsonObject(json);
      body.getMap().values().removeIf(Objects::isNull);
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new RpcFailure(RpcFailure.BAD_BODY, "body of " + type + " is not a JSON object: " + e.getMessage());
    }
  }

  public static Payload decode(Buffer bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes.getBytes());
      String type = "";
      String clientIp = "";
      Map<String, String> headers = new LinkedHashMap<>();
      Buffer json = Buffer.buffer();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag >>> 3) {
          case METADATA -> {
            int limit = in.pushLimit(in.readRawVarint32());
            for (int t = in.readTag(); t != 0; t = in.readTag()) {
              switch (t >>> 3) {
                case TYPE -> type = in.readStringRequireUtf8();
                case CLIENT_IP -> clientIp = in.readStringRequireUtf8();
                case HEADERS -> readEntry(in, headers);
                default -> in.skipField(t);
              }
            }
            in.popLimit(limit);
          }
          case BODY -> {
            int limit = in.pushLimit(in.readRawVarint32());
            for (int t = in.readTag(); t != 0; t = in.readTag()) {
              if (t >>> 3 == ANY_VALUE) {
                json = Buffer.buffer(in.readByteArray());
              } else {
                in.skipField(t);
              }
            }
            in.popLimit(limit);
          }
          default -> in.skipField(tag);
        }
      }
      return new Payload(type, clientIp, headers, json);
    } catch (InvalidProtocolBufferException e) {
      throw new RpcFailure(RpcFailure.BAD_BODY, "not a Nacos Payload: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void readEntry(CodedInputStream in, Map<String, String> headers) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    String key = "";
    String value = "";
    for (int t = in.readTag(); t != 0; t = in.readTag()) {
      switch (t >>> 3) {
        case MAP_KEY -> key = in.readStringRequireUtf8();
        case MAP_VALUE -> value = in.readStringRequireUtf8();
        default -> in.skipField(t);
      }
    }
    in.popLimit(limit);
    headers.put(key, value);
  }

  /**
   * Bytes encoded once (a cached answer) as a Buffer that shares them: {@code Buffer.buffer(byte[])} would copy, and a
   * list answer is tens of kilobytes. The bytes are only read (the gRPC layer copies them into its frame).
   */
  public static Buffer shared(byte[] encoded) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(encoded));
  }

  /** The message's bytes; the JSON body is appended as it is, after a small header written with protobuf. */
  public Buffer encode() {
    int anySize = CodedOutputStream.computeTagSize(ANY_VALUE) + CodedOutputStream.computeUInt32SizeNoTag(json.length())
        + json.length();
    int metadataSize = metadataSize();
    int headerSize = CodedOutputStream.computeTagSize(METADATA) + CodedOutputStream.computeUInt32SizeNoTag(metadataSize)
        + metadataSize + CodedOutputStream.computeTagSize(BODY) + CodedOutputStream.computeUInt32SizeNoTag(anySize)
        + anySize - json.length();
    byte[] header = new byte[headerSize];
    CodedOutputStream o = CodedOutputStream.newInstance(header);
    try {
      o.writeTag(METADATA, 2);
      o.writeUInt32NoTag(metadataSize);
      o.writeString(TYPE, type);
      for (Map.Entry<String, String> e : headers.entrySet()) {
        o.writeTag(HEADERS, 2);
        o.writeUInt32NoTag(entrySize(e));
        o.writeString(MAP_KEY, e.getKey());
        o.writeString(MAP_VALUE, e.getValue());
      }
      if (!clientIp.isEmpty()) {
        o.writeString(CLIENT_IP, clientIp);
      }
      o.writeTag(BODY, 2);
      o.writeUInt32NoTag(anySize);
      o.writeTag(ANY_VALUE, 2);
      o.writeUInt32NoTag(json.length());
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(headerSize + json.length()).appendBytes(header).appendBuffer(json);
  }

  private int metadataSize() {
    int size = CodedOutputStream.computeStringSize(TYPE, type);
    for (Map.Entry<String, String> e : headers.entrySet()) {
      int entry = entrySize(e);
      size += CodedOutputStream.computeTagSize(HEADERS) + CodedOutputStream.computeUInt32SizeNoTag(entry) + entry;
    }
    return clientIp.isEmpty() ? size : size + CodedOutputStream.computeStringSize(CLIENT_IP, clientIp);
  }

  private static int entrySize(Map.Entry<String, String> e) {
    return CodedOutputStream.computeStringSize(MAP_KEY, e.getKey())
        + CodedOutputStream.computeStringSize(MAP_VALUE, e.getValue());
  }
}
