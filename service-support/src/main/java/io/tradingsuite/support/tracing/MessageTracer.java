package io.tradingsuite.support.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Explicit trace context across the topics, so that one candle's trace holds the signal, the
 * decision and the fill. SmallRye's Kafka instrumentation writes {@code traceparent} on every
 * record, but the context it takes as parent is whatever is current on the thread that sends, and
 * the suite's hops do not send from the consuming thread's context (batches, emitters on other
 * threads, fills made when the <em>next</em> candle arrives). So each hop starts its handling span
 * from the consumed record's own {@code traceparent} ({@link #handle}), and each outgoing message
 * names its parent explicitly ({@link #traced}) through SmallRye's {@link TracingMetadata}.
 */
@ApplicationScoped
public class MessageTracer {
  /** Log context keys, the ones Quarkus itself uses for the current span. */
  public static final String MDC_TRACE_ID = "traceId";

  public static final String MDC_SPAN_ID = "spanId";

  private static final TextMapGetter<Headers> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> keys = new ArrayList<>();
          headers.forEach(h -> keys.add(h.key()));
          return keys;
        }

        @Override
        public String get(Headers headers, String key) {
          Header h = headers == null ? null : headers.lastHeader(key);
          return h == null || h.value() == null
              ? null
              : new String(h.value(), StandardCharsets.UTF_8);
        }
      };

  private static final Logger LOG = Logger.getLogger(MessageTracer.class);

  @Inject Tracer tracer;

  /** The context a record was published under (its {@code traceparent}), or the root context. */
  public static Context parentOf(Headers headers) {
    if (headers == null) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
  }

  /**
   * Starts handling a consumed record: a span that is a child of the record's publisher, current
   * (and its trace id in the log context) until {@link Handling#close()}.
   *
   * @param attributes key, value, key, value ... (null values are left out)
   */
  public Handling handle(String name, Headers headers, String... attributes) {
    return start(name, parentOf(headers), SpanKind.CONSUMER, List.of(), attributes);
  }

  /**
   * A span child of {@code parent}, current until closed, linked to {@code links} (for example the
   * candle whose arrival made a fill of an order placed under another trace).
   */
  public Handling start(
      String name, Context parent, SpanKind kind, List<SpanContext> links, String... attributes) {
    SpanBuilder b = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind);
    for (SpanContext link : links) {
      if (link.isValid()) {
        b.addLink(link);
      }
    }
    put(b, attributes);
    Handling h = new Handling(b.startSpan());
    // at DEBUG, a line per handled message: it carries the trace and correlation id every other
    // line of the handling carries
    LOG.debugf("handling %s", name);
    return h;
  }

  /**
   * The message, with a span {@code name} (child of the current context, ended at once: it marks
   * the moment of publishing) as the parent of SmallRye's producer span, so the record's {@code
   * traceparent} continues the current trace whichever thread the emitter sends from.
   */
  public <T> Message<T> traced(Message<T> message, String name, String... attributes) {
    return traced(message, Context.current(), name, attributes);
  }

  public <T> Message<T> traced(Message<T> message, Context parent, String name, String... attrs) {
    return traced(message, parent, List.of(), name, attrs);
  }

  /**
   * As {@link #traced(Message, String, String...)}, under {@code parent}, linked to {@code links}.
   */
  public <T> Message<T> traced(
      Message<T> message, Context parent, List<SpanContext> links, String name, String... attrs) {
    SpanBuilder b = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL);
    for (SpanContext link : links) {
      if (link.isValid()) {
        b.addLink(link);
      }
    }
    put(b, attrs);
    Span span = b.startSpan();
    span.end();
    return message.addMetadata(TracingMetadata.withCurrent(parent.with(span)));
  }

  private static void put(SpanBuilder b, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in key, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        b.setAttribute(attributes[i], attributes[i + 1]);
      }
    }
  }

  /** A current span; closing it ends the span and restores the log context. */
  public static final class Handling implements AutoCloseable {
    private final Span span;
    private final Scope scope;
    private final Object previousTrace;
    private final Object previousSpan;

    // the scope is this object's to close: Handling is itself used in try-with-resources
    @SuppressWarnings("MustBeClosedChecker")
    Handling(Span span) {
      this.span = span;
      this.scope = span.makeCurrent();
      this.previousTrace = MDC.get(MDC_TRACE_ID);
      this.previousSpan = MDC.get(MDC_SPAN_ID);
      MDC.put(MDC_TRACE_ID, span.getSpanContext().getTraceId());
      MDC.put(MDC_SPAN_ID, span.getSpanContext().getSpanId());
    }

    public Span span() {
      return span;
    }

    /** Adds an attribute learnt while handling (a decision's outcome, say). */
    public Handling attribute(String key, String value) {
      if (value != null) {
        span.setAttribute(key, value);
      }
      return this;
    }

    @Override
    public void close() {
      scope.close();
      span.end();
      restore(MDC_TRACE_ID, previousTrace);
      restore(MDC_SPAN_ID, previousSpan);
    }

    private static void restore(String key, Object previous) {
      if (previous == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, previous);
      }
    }
  }
}
