package io.tradingsuite.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.smallrye.reactive.messaging.TracingMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parent/child wiring, on the real OpenTelemetry SDK with a collecting exporter. */
class MessageTracerTest {
  static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  final List<SpanData> exported = new CopyOnWriteArrayList<>();
  SdkTracerProvider provider;
  MessageTracer tracer;

  @BeforeEach
  @SuppressWarnings("UnnecessaryAssignment") // no CDI container here: the test injects the tracer
  void sdk() {
    SpanExporter collect =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collect)).build();
    tracer = new MessageTracer();
    tracer.tracer = provider.get("test");
  }

  @AfterEach
  void close() {
    provider.close();
  }

  static RecordHeaders headers(String traceparent) {
    RecordHeaders h = new RecordHeaders();
    h.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    return h;
  }

  @Test
  void handlingContinuesTheTraceOfTheConsumedRecordAndPutsItInTheLogContext() {
    try (MessageTracer.Handling h =
        tracer.handle("candle evaluate", headers(TRACEPARENT), "pair", "BTC/USDT", "skip", null)) {
      assertThat(Span.current().getSpanContext().getTraceId())
          .isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(MDC.get(MessageTracer.MDC_TRACE_ID)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      h.attribute("bot", "ma");
    }
    assertThat(MDC.get(MessageTracer.MDC_TRACE_ID)).isNull();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();

    SpanData span = exported.get(0);
    assertThat(span.getName()).isEqualTo("candle evaluate");
    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(span.getAttributes().asMap())
        .hasSize(2)
        .containsValues("BTC/USDT", "ma"); // the null-valued attribute is left out
  }

  @Test
  void aRecordWithoutTraceparentStartsANewTrace() {
    assertThat(MessageTracer.parentOf(new RecordHeaders())).isSameAs(Context.root());
    assertThat(MessageTracer.parentOf(null)).isSameAs(Context.root());
    try (MessageTracer.Handling h = tracer.handle("x", new RecordHeaders())) {
      assertThat(h.span().getSpanContext().isValid()).isTrue();
    }
    assertThat(exported.get(0).getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void anOutgoingMessageNamesItsParentWhateverIsCurrentWhenItIsSent() {
    Context parent = MessageTracer.parentOf(headers(TRACEPARENT));

    Message<String> m =
        tracer.traced(Message.of("decision"), parent, "decision approved", "decision_id", "rd-1");

    Context attached = TracingMetadata.fromMessage(m).orElseThrow().getCurrentContext();
    SpanData span = exported.get(0);
    assertThat(span.getName()).isEqualTo("decision approved");
    assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(span.hasEnded()).isTrue();
    // SmallRye's producer span (and so the record's traceparent) will be a child of this one
    assertThat(Span.fromContext(attached).getSpanContext().getSpanId()).isEqualTo(span.getSpanId());
    assertThat(m.getPayload()).isEqualTo("decision");
  }

  @Test
  void aFillIsAChildOfItsOrderAndLinksTheCandleThatMadeIt() {
    Context order = MessageTracer.parentOf(headers(TRACEPARENT));
    String candleTrace = "11111111111111111111111111111111";
    Context candle = MessageTracer.parentOf(headers("00-" + candleTrace + "-2222222222222222-01"));

    tracer.traced(
        Message.of("fill"),
        order,
        List.of(Span.fromContext(candle).getSpanContext()),
        "fill filled",
        "client_order_id",
        "co-1");

    SpanData span = exported.get(0);
    assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.getLinks()).hasSize(1);
    assertThat(span.getLinks().get(0).getSpanContext().getTraceId()).isEqualTo(candleTrace);
  }

  @Test
  void attributesComeInPairs() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tracer.traced(Message.of("x"), "name", "lonely-key"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
