package dev.beacon.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One nacos-client 2.x style connection, as the client opens it: its own HTTP/2 connection, the bi-stream with
 * {@code ConnectionSetupRequest}, ready once {@code SetupAckRequest} arrived; pushes on the stream are acknowledged.
 * Then unary calls of {@code type} with a JSON body. The Payload message ({@code metadata=2{type=3}, body=3{value=2}})
 * is written and read with protobuf's stream classes.
 */
final class NacosGrpc {

  private static final ServiceMethod<Buffer, Buffer> REQUEST = ServiceMethod.client(ServiceName.create("Request"),
      "request", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);
  private static final ServiceMethod<Buffer, Buffer> BI_STREAM = ServiceMethod.client(
      ServiceName.create("BiRequestStream"), "requestBiStream", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);

  private static final byte[] RESULT_CODE = "\"resultCode\":".getBytes(StandardCharsets.US_ASCII);

  private final GrpcClient client;
  private final SocketAddress server;
  private GrpcClientRequest<Buffer, Buffer> stream;

  private NacosGrpc(Vertx vertx, String host, int port, int window) {
    this.client = GrpcClient.client(vertx, GrpcWindows.client(window));
    this.server = SocketAddress.inetSocketAddress(port, host);
  }

  /**
   * Connects and sets up; completes once the server's SetupAckRequest arrived. {@code window}: the HTTP/2 stream and
   * connection flow-control window this client grants ({@link GrpcWindows}).
   */
  static Future<NacosGrpc> connect(Vertx vertx, String host, int port, int window) {
    return connect(vertx, host, port, window, push -> { });
  }

  /** As {@link #connect(Vertx, String, int, int)}; {@code pushes} sees each server request ({type, json}) first. */
  static Future<NacosGrpc> connect(Vertx vertx, String host, int port, int window, Consumer<String[]> pushes) {
    NacosGrpc c = new NacosGrpc(vertx, host, port, window);
    Promise<NacosGrpc> ready = Promise.promise();
    c.client.request(c.server, BI_STREAM).onFailure(ready::tryFail).onSuccess(stream -> {
      c.stream = stream;
      stream.response().onFailure(ready::tryFail).onSuccess(resp -> resp.handler(bytes -> {
        String[] message = decode(bytes);
        if (message[0].equals("SetupAckRequest")) {
          ready.tryComplete(c);
        } else if (message[0].endsWith("Request")) {
          pushes.accept(message);
          String id = new JsonObject(message[1]).getString("requestId", "");
          stream.write(encode(message[0].replace("Request", "Response"),
              new JsonObject().put("requestId", id).put("resultCode", 200)));
        }
      }));
      stream.write(encode("ConnectionSetupRequest", new JsonObject().put("clientVersion", "Nacos-Java-Client:v2.5.1")
          .put("labels", new JsonObject().put("module", "naming").put("source", "sdk"))
          .put("abilityTable", new JsonObject()).put("headers", new JsonObject()).put("module", "internal")));
    });
    return ready.future();
  }

  /** One unary call; completes with the answer's type and JSON body. */
  Future<String[]> call(String type, JsonObject body) {
    return callRaw(encode(type, body)).map(NacosGrpc::decode);
  }

  /** One unary call of an encoded Payload; completes with the answer's Payload bytes, undecoded. */
  Future<Buffer> callRaw(Buffer payload) {
    return client.request(server, REQUEST).compose(req -> req.send(payload).compose(GrpcClientResponse::last));
  }

  Future<Void> close() {
    return client.close();
  }

  static Buffer encode(String type, JsonObject body) {
    byte[] json = body.toBuffer().getBytes();
    int metadata = CodedOutputStream.computeStringSize(3, type);
    int any = CodedOutputStream.computeByteArraySize(2, json);
    byte[] out = new byte[1 + CodedOutputStream.computeUInt32SizeNoTag(metadata) + metadata
        + 1 + CodedOutputStream.computeUInt32SizeNoTag(any) + any];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      o.writeTag(2, 2);
      o.writeUInt32NoTag(metadata);
      o.writeString(3, type);
      o.writeTag(3, 2);
      o.writeUInt32NoTag(any);
      o.writeByteArray(2, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out);
  }

  /** The {@code metadata.type} of a Payload, reading nothing else. */
  static String type(Buffer bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes.getBytes());
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag >>> 3 != 2) {
          in.skipField(tag);
          continue;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (t >>> 3 == 3) {
            return in.readStringRequireUtf8();
          }
          in.skipField(t);
        }
        in.popLimit(limit);
      }
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code resultCode} of an answer's JSON body, found without parsing the body: the generator shares the cores
   * with the server, and parsing a 56 KB list per answer would make it, not the server, the limit. 0 if absent.
   */
  static int resultCode(Buffer payload) {
    // Backwards: Beacon writes the result fields after the service info, so they are found within a few bytes.
    for (int at = payload.length() - RESULT_CODE.length; at >= 0; at--) {
      if (matches(payload, at)) {
        int code = 0;
        for (int i = at + RESULT_CODE.length; i < payload.length() && Character.isDigit(payload.getByte(i)); i++) {
          code = code * 10 + payload.getByte(i) - '0';
        }
        return code;
      }
    }
    return 0;
  }

  private static boolean matches(Buffer payload, int at) {
    for (int i = 0; i < RESULT_CODE.length; i++) {
      if (payload.getByte(at + i) != RESULT_CODE[i]) {
        return false;
      }
    }
    return true;
  }

  /** {type, json} of a Payload. */
  static String[] decode(Buffer bytes) {
    String[] result = {"", "{}"};
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes.getBytes());
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int field = tag >>> 3;
        if (field == 2 || field == 3) {
          int limit = in.pushLimit(in.readRawVarint32());
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            if (field == 2 && t >>> 3 == 3) {
              result[0] = in.readStringRequireUtf8();
            } else if (field == 3 && t >>> 3 == 2) {
              result[1] = in.readBytes().toStringUtf8();
            } else {
              in.skipField(t);
            }
          }
          in.popLimit(limit);
        } else {
          in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }
}
