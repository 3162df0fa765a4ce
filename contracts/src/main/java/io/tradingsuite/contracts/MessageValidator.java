package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract rules every message must keep, checked on encode and decode. Problems name the field
 * as a snake_case path ({@code order.exit_plan.stoploss}) and read {@code field: what is wrong}.
 */
public final class MessageValidator {
  private static final Pattern TIMEFRAME = Pattern.compile("[1-9][0-9]*[smhdwM]");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  /**
   * Digits allowed on each side of the decimal point. Far beyond any price or amount, but it keeps
   * a hostile {@code 1e-999999999} from reaching code that rescales it (which would run for ages).
   */
  static final int MAX_DIGITS = 100;

  private MessageValidator() {}

  /**
   * Checks {@code m} against the contract's rules.
   *
   * @throws InvalidMessageException naming the first field that breaks a rule
   */
  public static void validate(ContractMessage m) {
    List<Problem> found = check(m);
    if (!found.isEmpty()) {
      Problem first = found.get(0);
      throw new InvalidMessageException(first.field(), first.detail());
    }
  }

  /** Every rule the message breaks, as {@code field: detail}; empty when it is valid. */
  public static List<String> problems(ContractMessage m) {
    return check(m).stream().map(Problem::toString).toList();
  }

  private record Problem(String field, String detail) {
    @Override
    public String toString() {
      return field + ": " + detail;
    }
  }

  private enum Sign {
    ANY(""),
    NON_NEGATIVE(">= 0"),
    POSITIVE("> 0");

    final String rule;

    Sign(String rule) {
      this.rule = rule;
    }

    boolean accepts(BigDecimal v) {
      return this == ANY || v.signum() > 0 || (this == NON_NEGATIVE && v.signum() == 0);
    }
  }

  private static List<Problem> check(ContractMessage m) {
    Checks c = new Checks(new ArrayList<>(), "");
    if (m == null) {
      c.out.add(new Problem(InvalidMessageException.ROOT, "message is null"));
    } else if (m instanceof Candle x) {
      candle(c, x);
    } else if (m instanceof Signal x) {
      signal(c, x);
    } else if (m instanceof RiskDecision x) {
      decision(c, x);
    } else if (m instanceof Fill x) {
      fill(c, x);
    } else if (m instanceof RiskEvent x) {
      riskEvent(c, x);
    } else if (m instanceof ArtifactCreated x) {
      artifact(c, x);
    } else if (m.messageId() == null || m.messageId().isBlank()) {
      c.out.add(new Problem(InvalidMessageException.ROOT, "message id must not be blank"));
    }
    return c.out;
  }

  private static void candle(Checks c, Candle x) {
    c.exchange("exchange", x.exchange());
    c.pair("pair", x.pair());
    c.timeframe("timeframe", x.timeframe());
    c.present("open_time", x.openTime());
    @SuppressWarnings("ShortCircuitBoolean") // non-short-circuit: every price's problem is reported
    boolean prices =
        c.decimal("open", x.open(), Sign.POSITIVE)
            & c.decimal("high", x.high(), Sign.POSITIVE)
            & c.decimal("low", x.low(), Sign.POSITIVE)
            & c.decimal("close", x.close(), Sign.POSITIVE);
    c.decimal("volume", x.volume(), Sign.NON_NEGATIVE);
    if (!prices) {
      return;
    }
    if (x.high().compareTo(x.low()) < 0) {
      c.fail("high", "must be >= low (high=" + plain(x.high()) + ", low=" + plain(x.low()) + ")");
    } else if (x.high().compareTo(x.open().max(x.close())) < 0) {
      c.fail(
          "high",
          "must be >= open and close (high="
              + plain(x.high())
              + ", open="
              + plain(x.open())
              + ", close="
              + plain(x.close())
              + ")");
    }
    if (x.low().compareTo(x.open().min(x.close())) > 0) {
      c.fail(
          "low",
          "must be <= open and close (low="
              + plain(x.low())
              + ", open="
              + plain(x.open())
              + ", close="
              + plain(x.close())
              + ")");
    }
  }

  private static void signal(Checks c, Signal x) {
    boolean entry = x.action() == SignalAction.ENTER_LONG;
    c.text("id", x.id());
    c.text("strategy", x.strategy());
    c.exchange("exchange", x.exchange());
    c.pair("pair", x.pair());
    c.timeframe("timeframe", x.timeframe());
    c.present("candle_time", x.candleTime());
    c.present("action", x.action());
    c.optionalText("exit_reason", x.exitReason());
    if (x.action() == SignalAction.EXIT_LONG) {
      c.text("trade_id", x.tradeId());
    } else {
      c.optionalText("trade_id", x.tradeId());
    }
    c.decimal("price", x.price(), Sign.NON_NEGATIVE);
    if (entry) {
      c.decimal("stake_amount", x.stakeAmount(), Sign.POSITIVE);
    } else {
      c.optionalDecimal("stake_amount", x.stakeAmount(), Sign.NON_NEGATIVE);
    }
    if (entry ? c.present("exit_plan", x.exitPlan()) : x.exitPlan() != null) {
      exitPlan(c.nested("exit_plan"), x.exitPlan());
    }
    c.present("created_at", x.createdAt());
    // the reserved DCA name only with the DCA shape: risk-service lets these buy into an open
    // position
    if (entry && Dca.STRATEGY.equals(x.strategy())) {
      if (x.id() != null && !x.id().startsWith(Dca.SIGNAL_ID_PREFIX)) {
        c.fail(
            "id",
            "a dca entry's id starts with "
                + Dca.SIGNAL_ID_PREFIX
                + " (was "
                + quote(x.id())
                + ")");
      }
      if (x.exitPlan() != null && !Dca.isNoExitPlan(x.exitPlan())) {
        c.fail(
            "exit_plan",
            "a dca entry carries the no-automatic-exit plan: stoploss -1, minimal_roi {},"
                + " trailing_stop false (strategy \"dca\" is reserved for DCA plans)");
      }
    }
  }

  private static void exitPlan(Checks c, ExitPlan x) {
    if (c.decimal("stoploss", x.stoploss(), Sign.ANY)
        && (x.stoploss().signum() > 0 || x.stoploss().compareTo(BigDecimal.ONE.negate()) < 0)) {
      c.fail("stoploss", "must be in [-1, 0] (was " + plain(x.stoploss()) + ")");
    }
    if (c.present("minimal_roi", x.minimalRoi())) {
      for (Map.Entry<Integer, BigDecimal> step : x.minimalRoi().entrySet()) {
        if (step.getKey() < 0) {
          c.fail("minimal_roi", "minutes must be >= 0 (was " + step.getKey() + ")");
        } else if (step.getValue() == null) {
          c.fail("minimal_roi", "ratio for minute " + step.getKey() + " is required");
        } else {
          c.range("minimal_roi", step.getValue());
        }
      }
    }
    c.optionalDecimal("trailing_stop_positive", x.trailingStopPositive(), Sign.POSITIVE);
    c.decimal("trailing_stop_positive_offset", x.trailingStopPositiveOffset(), Sign.NON_NEGATIVE);
  }

  private static void order(Checks c, Order x) {
    c.text("client_order_id", x.clientOrderId());
    c.exchange("exchange", x.exchange());
    c.pair("pair", x.pair());
    c.present("side", x.side());
    c.present("type", x.type());
    c.optionalDecimal("amount", x.amount(), Sign.POSITIVE);
    c.optionalDecimal("stake_amount", x.stakeAmount(), Sign.POSITIVE);
    if (x.amount() == null && x.stakeAmount() == null) {
      c.fail("amount", "amount or stake_amount is required");
    }
    if (x.type() != null && x.type() != OrderType.MARKET) {
      c.decimal("limit_price", x.limitPrice(), Sign.POSITIVE);
    } else {
      c.optionalDecimal("limit_price", x.limitPrice(), Sign.POSITIVE);
    }
    c.optionalText("trade_id", x.tradeId());
    if (x.exitPlan() != null) {
      exitPlan(c.nested("exit_plan"), x.exitPlan());
    }
  }

  private static void decision(Checks c, RiskDecision x) {
    c.text("id", x.id());
    c.text("signal_id", x.signalId());
    if (x.approved()) {
      c.optionalText("rule", x.rule());
    } else if (c.present("rule", x.rule()) && x.rule().isBlank()) {
      c.fail("rule", "must name the rule that denied");
    }
    if (c.present("reasons", x.reasons())) {
      for (int i = 0; i < x.reasons().size(); i++) {
        c.text("reasons[" + i + "]", x.reasons().get(i));
      }
    }
    if (x.approved()) {
      if (c.present("order", x.order())) {
        order(c.nested("order"), x.order());
      }
    } else if (x.order() != null) {
      c.fail("order", "must be absent when denied");
    }
    // both checked, so that a missing expires_at is reported along with a missing decided_at
    boolean decided = c.present("decided_at", x.decidedAt());
    boolean expires = c.present("expires_at", x.expiresAt());
    if (decided && expires) {
      c.after("expires_at", x.expiresAt(), "decided_at", x.decidedAt());
    }
  }

  private static void fill(Checks c, Fill x) {
    boolean executed = x.status() == FillStatus.FILLED || x.status() == FillStatus.PARTIALLY_FILLED;
    Sign executedSign = executed ? Sign.POSITIVE : Sign.NON_NEGATIVE;
    c.text("id", x.id());
    c.text("client_order_id", x.clientOrderId());
    c.text("decision_id", x.decisionId());
    c.text("signal_id", x.signalId());
    c.text("trade_id", x.tradeId());
    c.exchange("exchange", x.exchange());
    c.pair("pair", x.pair());
    c.present("side", x.side());
    c.decimal("price", x.price(), executedSign);
    c.decimal("amount", x.amount(), executedSign);
    c.decimal("fee", x.fee(), Sign.NON_NEGATIVE);
    c.text("fee_currency", x.feeCurrency());
    c.present("mode", x.mode());
    c.present("status", x.status());
    c.optionalText("exit_reason", x.exitReason());
    if (x.status() == FillStatus.REJECTED) {
      c.text("reason", x.reason());
    } else {
      c.optionalText("reason", x.reason());
    }
    c.present("filled_at", x.filledAt());
  }

  private static void riskEvent(Checks c, RiskEvent x) {
    c.text("id", x.id());
    c.present("type", x.type());
    c.text("reason", x.reason());
    if (x.severity() != null && !SEVERITIES.contains(x.severity())) {
      c.fail("severity", "must be info, warning or critical (was " + quote(x.severity()) + ")");
    }
    if (x.context() != null) {
      x.context()
          .forEach(
              (k, v) -> {
                if (k == null || k.isBlank()) {
                  c.fail("context", "keys must not be blank");
                } else if (v == null) {
                  c.fail("context." + k, "is required");
                }
              });
    }
    if (c.present("at", x.at()) && x.until() != null) {
      c.after("until", x.until(), "at", x.at());
    }
  }

  private static void artifact(Checks c, ArtifactCreated x) {
    c.text("id", x.id());
    c.present("kind", x.kind());
    c.text("strategy", x.strategy());
    c.text("path", x.path());
    if (c.present("sha256", x.sha256()) && !SHA256.matcher(x.sha256()).matches()) {
      c.fail("sha256", "must be 64 lower-case hex digits (was " + quote(x.sha256()) + ")");
    }
    c.present("created_at", x.createdAt());
  }

  private static String plain(BigDecimal v) {
    return v.toPlainString();
  }

  private static String quote(String s) {
    return '"' + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + '"';
  }

  /** Collects problems; {@link #nested} shares the list and prefixes field names. */
  private record Checks(List<Problem> out, String prefix) {
    Checks nested(String field) {
      return new Checks(out, prefix + field + ".");
    }

    void fail(String field, String detail) {
      out.add(new Problem(prefix + field, detail));
    }

    boolean present(String field, Object value) {
      if (value == null) {
        fail(field, "is required");
      }
      return value != null;
    }

    void text(String field, String value) {
      if (present(field, value) && value.isBlank()) {
        fail(field, "must not be blank");
      }
    }

    void optionalText(String field, String value) {
      if (value != null && value.isBlank()) {
        fail(field, "must not be blank when present");
      }
    }

    void exchange(String field, String value) {
      if (present(field, value) && !Topics.EXCHANGE.matcher(value).matches()) {
        fail(field, "must be an exchange id like binance (was " + quote(value) + ")");
      }
    }

    void pair(String field, String value) {
      if (present(field, value) && !Topics.PAIR.matcher(value).matches()) {
        fail(field, "must be BASE/QUOTE in upper case, like BTC/USDT (was " + quote(value) + ")");
      }
    }

    void timeframe(String field, String value) {
      if (present(field, value) && !TIMEFRAME.matcher(value).matches()) {
        fail(field, "must be a timeframe like 1m, 5m, 1h, 1d, 1w or 1M (was " + quote(value) + ")");
      }
    }

    /** A required decimal: present, in range and of the right sign. Returns whether it passed. */
    boolean decimal(String field, BigDecimal value, Sign sign) {
      return present(field, value) && range(field, value) && sign(field, value, sign);
    }

    void optionalDecimal(String field, BigDecimal value, Sign sign) {
      if (value != null && range(field, value)) {
        sign(field, value, sign);
      }
    }

    boolean range(String field, BigDecimal value) {
      boolean ok = value.scale() <= MAX_DIGITS && value.precision() - value.scale() <= MAX_DIGITS;
      if (!ok) {
        fail(
            field,
            "out of range: at most " + MAX_DIGITS + " digits before and after the decimal point");
      }
      return ok;
    }

    private boolean sign(String field, BigDecimal value, Sign sign) {
      boolean ok = sign.accepts(value);
      if (!ok) {
        fail(field, "must be " + sign.rule + " (was " + plain(value) + ")");
      }
      return ok;
    }

    void after(String field, Instant value, String otherField, Instant other) {
      if (!value.isAfter(other)) {
        fail(
            field,
            "must be after "
                + otherField
                + " ("
                + field
                + "="
                + value
                + ", "
                + otherField
                + "="
                + other
                + ")");
      }
    }
  }
}
