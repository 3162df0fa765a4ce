package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Arbitraries of valid contract messages: random decimal scales 0..12, instants with nanos, nested
 * plans.
 */
final class Generators {
  private static final BigInteger BIG = BigInteger.TEN.pow(32);

  private Generators() {}

  static Arbitrary<ContractMessage> messages() {
    return Arbitraries.oneOf(candles(), signals(), decisions(), fills(), riskEvents(), artifacts());
  }

  static Arbitrary<Candle> candles() {
    return combine(
        v -> {
          BigDecimal low = at(v, 4);
          BigDecimal open = low.add(at(v, 5));
          BigDecimal close = low.add(at(v, 6));
          BigDecimal high = open.max(close).add(at(v, 7));
          return new Candle(
              at(v, 0), at(v, 1), at(v, 2), at(v, 3), open, high, low, close, at(v, 8));
        },
        exchanges(),
        pairs(),
        timeframes(),
        instants(),
        positive(),
        nonNegative(),
        nonNegative(),
        nonNegative(),
        nonNegative());
  }

  static Arbitrary<Signal> signals() {
    return Arbitraries.oneOf(entrySignals(), exitSignals());
  }

  static Arbitrary<Signal> entrySignals() {
    return combine(
        v ->
            new Signal(
                at(v, 0),
                at(v, 1),
                at(v, 2),
                at(v, 3),
                at(v, 4),
                at(v, 5),
                SignalAction.ENTER_LONG,
                null,
                at(v, 6),
                at(v, 7),
                at(v, 8),
                at(v, 9),
                at(v, 10)),
        ids(),
        texts(),
        exchanges(),
        pairs(),
        timeframes(),
        instants(),
        ids().injectNull(0.5),
        nonNegative(),
        positive(),
        exitPlans(),
        instants());
  }

  static Arbitrary<Signal> exitSignals() {
    return combine(
        v ->
            new Signal(
                at(v, 0),
                at(v, 1),
                at(v, 2),
                at(v, 3),
                at(v, 4),
                at(v, 5),
                SignalAction.EXIT_LONG,
                at(v, 6),
                at(v, 7),
                at(v, 8),
                at(v, 9),
                at(v, 10),
                at(v, 11)),
        ids(),
        texts(),
        exchanges(),
        pairs(),
        timeframes(),
        instants(),
        Arbitraries.of("exit_signal", "roi", "stop_loss", "force_exit").injectNull(0.3),
        ids(),
        nonNegative(),
        nonNegative().injectNull(0.5),
        exitPlans().injectNull(0.5),
        instants());
  }

  static Arbitrary<ExitPlan> exitPlans() {
    return combine(
        v -> new ExitPlan(at(v, 0), at(v, 1), at(v, 2), at(v, 3), at(v, 4), at(v, 5)),
        stoplosses(),
        Arbitraries.maps(Arbitraries.integers().between(0, 100_000), anyDecimal())
            .ofMaxSize(5)
            .map(TreeMap::new),
        Arbitraries.of(true, false),
        positive().injectNull(0.4),
        nonNegative(),
        Arbitraries.of(true, false));
  }

  static Arbitrary<Order> orders() {
    Arbitrary<OrderType> types = Arbitraries.of(OrderType.class);
    return combine(
        v -> {
          OrderType type = at(v, 4);
          BigDecimal amount = at(v, 5);
          BigDecimal stake = at(v, 6);
          BigDecimal limit = at(v, 7);
          return new Order(
              at(v, 0),
              at(v, 1),
              at(v, 2),
              at(v, 3),
              type,
              amount == null && stake == null ? limit : amount,
              stake,
              type == OrderType.MARKET ? at(v, 8) : limit,
              at(v, 9),
              at(v, 10));
        },
        ids(),
        exchanges(),
        pairs(),
        Arbitraries.of(OrderSide.class),
        types,
        positive().injectNull(0.4),
        positive().injectNull(0.4),
        positive(),
        positive().injectNull(0.7),
        ids().injectNull(0.5),
        exitPlans().injectNull(0.5));
  }

  static Arbitrary<RiskDecision> decisions() {
    return Arbitraries.oneOf(approvedDecisions(), deniedDecisions());
  }

  static Arbitrary<RiskDecision> approvedDecisions() {
    return combine(
        v -> {
          Instant decided = at(v, 4);
          return new RiskDecision(
              at(v, 0),
              at(v, 1),
              true,
              at(v, 2),
              at(v, 3),
              at(v, 5),
              decided,
              decided.plusNanos(at(v, 6)));
        },
        ids(),
        ids(),
        texts().injectNull(0.7),
        reasons(),
        instants(),
        orders(),
        lifetimes());
  }

  static Arbitrary<RiskDecision> deniedDecisions() {
    return combine(
        v -> {
          Instant decided = at(v, 4);
          return new RiskDecision(
              at(v, 0),
              at(v, 1),
              false,
              at(v, 2),
              at(v, 3),
              null,
              decided,
              decided.plusNanos(at(v, 5)));
        },
        ids(),
        ids(),
        Arbitraries.of("circuit_breaker", "max_open_trades", "exposure", "stale_signal"),
        reasons(),
        instants(),
        lifetimes());
  }

  static Arbitrary<Fill> fills(FillStatus... statuses) {
    return (statuses.length == 0 ? Arbitraries.of(FillStatus.class) : Arbitraries.of(statuses))
        .flatMap(
            status -> {
              boolean executed =
                  status == FillStatus.FILLED || status == FillStatus.PARTIALLY_FILLED;
              Arbitrary<BigDecimal> quantity = executed ? positive() : nonNegative();
              Arbitrary<String> reason =
                  status == FillStatus.REJECTED ? texts() : texts().injectNull(0.8);
              return combine(
                  v ->
                      new Fill(
                          at(v, 0), at(v, 1), at(v, 2), at(v, 3), at(v, 4), at(v, 5), at(v, 6),
                          at(v, 7), at(v, 8), at(v, 9), at(v, 10), at(v, 11), at(v, 12), status,
                          at(v, 13), at(v, 14), at(v, 15)),
                  ids(),
                  ids(),
                  ids(),
                  ids(),
                  ids(),
                  exchanges(),
                  pairs(),
                  Arbitraries.of(OrderSide.class),
                  quantity,
                  quantity,
                  nonNegative(),
                  Arbitraries.of("USDT", "BTC", "BNB", "EUR"),
                  Arbitraries.of(TradingMode.class),
                  Arbitraries.of(
                          "roi", "stop_loss", "trailing_stop_loss", "exit_signal", "force_exit")
                      .injectNull(0.5),
                  reason,
                  instants());
            });
  }

  static Arbitrary<RiskEvent> riskEvents() {
    return combine(
        v -> {
          Instant at = at(v, 5);
          Long untilNanos = at(v, 4);
          return new RiskEvent(
              at(v, 0),
              at(v, 1),
              at(v, 2),
              at(v, 3),
              at(v, 6),
              untilNanos == null ? null : at.plusNanos(untilNanos),
              at);
        },
        ids(),
        Arbitraries.of(RiskEventType.class),
        texts(),
        Arbitraries.of("info", "warning", "critical").injectNull(0.3),
        lifetimes().injectNull(0.5),
        instants(),
        Arbitraries.maps(texts(), texts()).ofMaxSize(4).injectNull(0.4));
  }

  static Arbitrary<ArtifactCreated> artifacts() {
    return combine(
        v -> new ArtifactCreated(at(v, 0), at(v, 1), at(v, 2), at(v, 3), at(v, 4), at(v, 5)),
        ids(),
        Arbitraries.of(ArtifactKind.class),
        texts(),
        texts().map(s -> "var/artifacts/" + s + ".json"),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
        instants());
  }

  // ---- building blocks

  static Arbitrary<String> ids() {
    return Arbitraries.strings().alpha().numeric().withChars("-_:").ofMinLength(1).ofMaxLength(36);
  }

  /** Free text, with characters JSON has to escape and some outside ASCII. */
  static Arbitrary<String> texts() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars(" =-_./\"\\\n\té€日~".toCharArray())
        .ofMinLength(1)
        .ofMaxLength(30)
        .filter(s -> !s.isBlank())
        .map(s -> s.replace("~", "🙂"));
  }

  static Arbitrary<String> exchanges() {
    return Arbitraries.oneOf(
        Arbitraries.of("binance", "kraken", "okx", "gate.io", "coinbase_pro", "Kraken"),
        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12));
  }

  static Arbitrary<String> pairs() {
    Arbitrary<String> asset =
        Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(1).ofMaxLength(8);
    return Arbitraries.oneOf(
        Arbitraries.of("BTC/USDT", "ETH/BTC", "1INCH/USDT"),
        Combinators.combine(asset, asset).as((b, q) -> b + "/" + q));
  }

  static Arbitrary<String> timeframes() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 999), Arbitraries.of("s", "m", "h", "d", "w", "M"))
        .as((n, unit) -> n + unit);
  }

  /** 1970..2100, with whole seconds, milliseconds or nanoseconds. */
  static Arbitrary<Instant> instants() {
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
            Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(Arbitraries.longs().between(0, 4_102_444_800L), nanos)
        .as((s, n) -> Instant.ofEpochSecond(s, n));
  }

  /** Nanoseconds from one instant to a later one: 1 ns .. 2 days. */
  static Arbitrary<Long> lifetimes() {
    return Arbitraries.longs().between(1, 2L * 86_400 * 1_000_000_000L);
  }

  static Arbitrary<List<String>> reasons() {
    return Arbitraries.strings()
        .alpha()
        .ofMinLength(1)
        .ofMaxLength(10)
        .list()
        .ofMaxSize(3)
        .flatMap(
            keys ->
                texts()
                    .list()
                    .ofSize(keys.size())
                    .map(
                        values -> {
                          String[] r = new String[keys.size()];
                          Arrays.setAll(r, i -> keys.get(i) + "=" + values.get(i));
                          return List.of(r);
                        }));
  }

  static Arbitrary<Integer> scales() {
    return Arbitraries.integers().between(0, 12);
  }

  static Arbitrary<BigDecimal> positive() {
    return decimal(BigInteger.ONE, BIG);
  }

  static Arbitrary<BigDecimal> nonNegative() {
    return decimal(BigInteger.ZERO, BIG);
  }

  static Arbitrary<BigDecimal> anyDecimal() {
    return decimal(BIG.negate(), BIG);
  }

  /** A stoploss ratio in [-1, 0]. */
  static Arbitrary<BigDecimal> stoplosses() {
    return scales()
        .flatMap(
            scale ->
                Arbitraries.bigIntegers()
                    .between(BigInteger.ZERO, BigInteger.TEN.pow(scale))
                    .map(unscaled -> new BigDecimal(unscaled.negate(), scale)));
  }

  private static Arbitrary<BigDecimal> decimal(BigInteger minUnscaled, BigInteger maxUnscaled) {
    return Combinators.combine(
            Arbitraries.bigIntegers().between(minUnscaled, maxUnscaled), scales())
        .as(BigDecimal::new);
  }

  /** Combines any number of arbitraries; {@link #at} reads the values back with their type. */
  private static <R> Arbitrary<R> combine(Function<List<Object>, R> build, Arbitrary<?>... parts) {
    return Combinators.combine(Arrays.stream(parts).map(Arbitrary::asGeneric).toList()).as(build);
  }

  // T is the caller's: it reads back the value it stored at i with the type it stored
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  private static <T> T at(List<Object> values, int i) {
    return (T) values.get(i);
  }
}
