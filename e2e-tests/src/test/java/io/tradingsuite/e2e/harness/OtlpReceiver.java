package io.tradingsuite.e2e.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver inside the test: the services export their spans to it ({@code
 * quarkus.otel.exporter.otlp.traces.protocol=http/protobuf}) and it keeps every span with its
 * service name. It decodes just the parts of {@code ExportTraceServiceRequest} a test reads (trace
 * and span ids, parent, name, kind, string/number/bool attributes, links); the protobuf wire format
 * is small enough that a schema-less reader beats a generated-code dependency.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** One exported span. Ids are lower-case hex, as in {@code traceparent}. */
  public record Span(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      Map<String, String> attributes,
      List<String> linkedTraceIds) {
    public String attribute(String key) {
      return attributes.get(key);
    }
  }

  private final HttpServer server;
  private final List<Span> spans = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  public OtlpReceiver() {
    try {
      server =
          HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = body(exchange.getRequestBody(), exchange)) {
            spans.addAll(decode(in.readAllBytes()));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0); // an empty ExportTraceServiceResponse
          } catch (RuntimeException | IOException e) {
            errors.add(e.toString());
            exchange.sendResponseHeaders(400, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  private static InputStream body(InputStream in, com.sun.net.httpserver.HttpExchange ex)
      throws IOException {
    String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
    return "gzip".equalsIgnoreCase(enc) ? new GZIPInputStream(in) : in;
  }

  /** The endpoint for {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Span> spans() {
    return List.copyOf(spans);
  }

  /** Requests that could not be decoded (none expected). */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ------------------------------------------------------------------ protobuf wire format

  static List<Span> decode(byte[] request) {
    List<Span> out = new ArrayList<>();
    Reader r = new Reader(request);
    while (r.more()) {
      int tag = r.tag();
      if (tag >>> 3 == 1 && (tag & 7) == 2) {
        resourceSpans(r.message(), out);
      } else {
        r.skip(tag);
      }
    }
    return out;
  }

  private static void resourceSpans(Reader r, List<Span> out) {
    String service = null;
    List<Reader> scopes = new ArrayList<>();
    while (r.more()) {
      int tag = r.tag();
      switch (tag >>> 3) {
        case 1 -> service = attributes(r.message()).get("service.name");
        case 2 -> scopes.add(r.message());
        default -> r.skip(tag);
      }
    }
    for (Reader scope : scopes) {
      while (scope.more()) {
        int tag = scope.tag();
        if (tag >>> 3 == 2) {
          out.add(span(scope.message(), service));
        } else {
          scope.skip(tag);
        }
      }
    }
  }

  /** A Resource's attributes (field 1) or a list of KeyValue read from the caller. */
  private static Map<String, String> attributes(Reader resource) {
    Map<String, String> m = new LinkedHashMap<>();
    while (resource.more()) {
      int tag = resource.tag();
      if (tag >>> 3 == 1) {
        keyValue(resource.message(), m);
      } else {
        resource.skip(tag);
      }
    }
    return m;
  }

  private static void keyValue(Reader kv, Map<String, String> into) {
    String key = null;
    String value = null;
    while (kv.more()) {
      int tag = kv.tag();
      switch (tag >>> 3) {
        case 1 -> key = kv.string();
        case 2 -> value = anyValue(kv.message());
        default -> kv.skip(tag);
      }
    }
    if (key != null) {
      into.put(key, value);
    }
  }

  private static String anyValue(Reader v) {
    String value = null;
    while (v.more()) {
      int tag = v.tag();
      switch (tag >>> 3) {
        case 1 -> value = v.string();
        case 2 -> value = String.valueOf(v.varint() != 0);
        case 3 -> value = String.valueOf(v.varint());
        case 4 -> value = String.valueOf(Double.longBitsToDouble(v.fixed64()));
        default -> v.skip(tag);
      }
    }
    return value;
  }

  private static Span span(Reader s, String service) {
    String trace = null;
    String id = null;
    String parent = "";
    String name = null;
    int kind = 0;
    Map<String, String> attrs = new LinkedHashMap<>();
    List<String> links = new ArrayList<>();
    while (s.more()) {
      int tag = s.tag();
      switch (tag >>> 3) {
        case 1 -> trace = HexFormat.of().formatHex(s.bytes());
        case 2 -> id = HexFormat.of().formatHex(s.bytes());
        case 4 -> parent = HexFormat.of().formatHex(s.bytes());
        case 5 -> name = s.string();
        case 6 -> kind = (int) s.varint();
        case 9 -> keyValue(s.message(), attrs);
        case 13 -> links.add(linkTrace(s.message()));
        default -> s.skip(tag);
      }
    }
    return new Span(service, trace, id, parent, name, kind, attrs, links);
  }

  private static String linkTrace(Reader link) {
    String trace = null;
    while (link.more()) {
      int tag = link.tag();
      if (tag >>> 3 == 1) {
        trace = HexFormat.of().formatHex(link.bytes());
      } else {
        link.skip(tag);
      }
    }
    return trace;
  }

  /** Reads protobuf fields off a byte range. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    Reader(byte[] buf) {
      this(buf, 0, buf.length);
    }

    Reader(byte[] buf, int from, int end) {
      this.buf = buf;
      this.pos = from;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    int tag() {
      return (int) varint();
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buf[pos++];
        v |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    long fixed64() {
      long v = ByteBuffer.wrap(buf, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      pos += 8;
      return v;
    }

    byte[] bytes() {
      int n = (int) varint();
      byte[] b = new byte[n];
      System.arraycopy(buf, pos, b, 0, n);
      pos += n;
      return b;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    Reader message() {
      int n = (int) varint();
      Reader r = new Reader(buf, pos, pos + n);
      pos += n;
      return r;
    }

    void skip(int tag) {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> {
          int n = (int) varint(); // not "pos += varint()": that reads pos before varint moves it
          pos += n;
        }
        case 5 -> pos += 4;
        default -> throw new IllegalArgumentException("unsupported wire type in tag " + tag);
      }
    }
  }
}
