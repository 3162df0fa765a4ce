package io.tradingsuite.e2e.harness;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What went over the run's topics, decoded with the contract's codec, each message with the time
 * the broker stamped it: candles, signals, decisions, fills in topic order, and the dead-letter
 * topics. A message delivered more than once (allowed: at-least-once with deterministic ids)
 * appears once per delivery; {@link #distinct} keeps one per id and fails if two deliveries of an
 * id differ in content.
 */
public final class Pipeline {
  /** A message and the broker time of its record (ms). */
  public record Timed<T>(long at, T message) {}

  public final List<Timed<Candle>> candles;
  public final List<Timed<Signal>> signals;
  public final List<Timed<RiskDecision>> decisions;
  public final List<Timed<Fill>> fills;
  public final Map<String, Integer> deadLetters;

  private Pipeline(
      List<Timed<Candle>> candles,
      List<Timed<Signal>> signals,
      List<Timed<RiskDecision>> decisions,
      List<Timed<Fill>> fills,
      Map<String, Integer> deadLetters) {
    this.candles = candles;
    this.signals = signals;
    this.decisions = decisions;
    this.fills = fills;
    this.deadLetters = deadLetters;
  }

  public static Pipeline read(RunTopics topics) {
    Map<String, Integer> dlq = new TreeMap<>();
    for (String t : Topics.all()) {
      int n = topics.readAll(Topics.dlq(t)).size();
      if (n > 0) {
        dlq.put(Topics.dlq(t), n);
      }
    }
    return new Pipeline(
        decode(topics.readAll(Topics.CANDLES), Candle.class),
        decode(topics.readAll(Topics.SIGNALS), Signal.class),
        decode(topics.readAll(Topics.DECISIONS), RiskDecision.class),
        decode(topics.readAll(Topics.FILLS), Fill.class),
        dlq);
  }

  private static <T extends ContractMessage> List<Timed<T>> decode(
      List<ConsumerRecord<String, String>> records, Class<T> type) {
    List<Timed<T>> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      out.add(new Timed<>(r.timestamp(), MessageCodec.instance().decode(r.value(), type)));
    }
    out.sort(Comparator.comparingLong(Timed::at));
    return out;
  }

  public static <T> List<T> messages(List<Timed<T>> timed) {
    return timed.stream().map(Timed::message).toList();
  }

  /**
   * One message per id, in first-seen order. Fails when two deliveries of the same id differ in
   * {@code content} (what must not change when a message is sent again).
   */
  public static <T> Map<String, T> distinct(
      List<T> all, Function<T, String> id, Function<T, Object> content, String what) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T m : all) {
      T before = out.putIfAbsent(id.apply(m), m);
      if (before != null && !content.apply(before).equals(content.apply(m))) {
        throw new AssertionError(
            what
                + " "
                + id.apply(m)
                + " was delivered twice with different content:\n  "
                + before
                + "\n  "
                + m);
      }
    }
    return out;
  }

  public Map<String, Fill> distinctFills() {
    return distinct(messages(fills), Fill::id, f -> f, "fill");
  }

  /**
   * The paper wallet the fills imply, per currency: the stake currency starts at {@code start}; a
   * buy costs {@code price × amount + fee}, a sell brings {@code price × amount − fee}; base
   * currencies hold what was bought minus what was sold. Exact decimals (the fills carry them).
   */
  public Map<String, BigDecimal> walletFromFills(String stakeCurrency, BigDecimal start) {
    Map<String, BigDecimal> w = new TreeMap<>();
    w.put(stakeCurrency, start);
    for (Fill f : distinctFills().values()) {
      if (f.status() != FillStatus.FILLED && f.status() != FillStatus.PARTIALLY_FILLED) {
        continue;
      }
      String base = f.pair().substring(0, f.pair().indexOf('/'));
      BigDecimal value = f.price().multiply(f.amount());
      if (f.side() == OrderSide.BUY) {
        w.merge(stakeCurrency, value.add(f.fee()).negate(), BigDecimal::add);
        w.merge(base, f.amount(), BigDecimal::add);
      } else {
        w.merge(stakeCurrency, value.subtract(f.fee()), BigDecimal::add);
        w.merge(base, f.amount().negate(), BigDecimal::add);
      }
    }
    return w;
  }

  /**
   * What happened on one pair around a span of candles, in broker time: each candle's publication,
   * the bots' signals, risk's decisions on them and the fills. Shows, for a trade that differs from
   * the backtest, which answer reached the bot after which candle.
   */
  public String timeline(String pair, Instant from, Instant to, Duration step) {
    return timeline(pair, from, to, step, List.of());
  }

  /** {@link #timeline(String, Instant, Instant, Duration)} with the run's own events (kills). */
  public String timeline(
      String pair, Instant from, Instant to, Duration step, List<Timed<String>> events) {
    Instant lo = from.minus(step.multipliedBy(2));
    Instant hi = to.plus(step);
    Map<String, Signal> signalsById = new HashMap<>();
    List<Timed<String>> lines = new ArrayList<>();
    for (Timed<Candle> c : candles) {
      Candle k = c.message();
      if (k.pair().equals(pair) && !k.openTime().isBefore(lo) && !k.openTime().isAfter(hi)) {
        lines.add(
            new Timed<>(
                c.at(), "candle " + hm(k.openTime()) + " published (open " + k.open() + ")"));
      }
    }
    for (Timed<Signal> t : signals) {
      Signal s = t.message();
      signalsById.put(s.id(), s);
      if (s.pair().equals(pair) && !s.candleTime().isBefore(lo) && !s.candleTime().isAfter(hi)) {
        lines.add(
            new Timed<>(
                t.at(),
                "signal "
                    + s.action().name().toLowerCase(java.util.Locale.ROOT)
                    + " on candle "
                    + hm(s.candleTime())
                    + (s.tradeId() == null ? "" : " trade " + s.tradeId())
                    + " ("
                    + s.id()
                    + ")"));
      }
    }
    for (Timed<RiskDecision> t : decisions) {
      RiskDecision d = t.message();
      Signal s = signalsById.get(d.signalId());
      if (s != null
          && s.pair().equals(pair)
          && !s.candleTime().isBefore(lo)
          && !s.candleTime().isAfter(hi)) {
        lines.add(
            new Timed<>(
                t.at(),
                "decision "
                    + (d.approved() ? "approved" : "denied " + d.rule() + " " + d.reasons())
                    + " for the signal of candle "
                    + hm(s.candleTime())));
      }
    }
    for (Timed<Fill> t : fills) {
      Fill f = t.message();
      if (f.pair().equals(pair)
          && !f.filledAt().isBefore(lo)
          && !f.filledAt().isAfter(hi.plus(step))) {
        lines.add(
            new Timed<>(
                t.at(),
                "fill "
                    + f.side()
                    + " "
                    + f.status()
                    + (f.exitReason() == null ? "" : " " + f.exitReason())
                    + (f.reason() == null ? "" : " (" + f.reason() + ")")
                    + " trade "
                    + f.tradeId()
                    + " at candle "
                    + hm(f.filledAt())
                    + " price "
                    + f.price()));
      }
    }
    long first = lines.stream().mapToLong(Timed::at).min().orElse(0);
    long last = lines.stream().mapToLong(Timed::at).max().orElse(0);
    for (Timed<String> e : events) {
      if (e.at() >= first && e.at() <= last) {
        lines.add(e);
      }
    }
    lines.sort(Comparator.comparingLong(Timed::at));
    StringBuilder b = new StringBuilder();
    b.append("    timeline of ")
        .append(pair)
        .append(" (broker time, candles ")
        .append(hm(lo))
        .append("..")
        .append(hm(hi))
        .append("):");
    for (Timed<String> l : lines) {
      b.append("\n      ")
          .append(LocalTime.ofInstant(Instant.ofEpochMilli(l.at()), ZoneOffset.UTC))
          .append("  ")
          .append(l.message());
    }
    return b.toString();
  }

  private static String hm(Instant t) {
    return t.toString().replace(":00Z", "Z");
  }
}
