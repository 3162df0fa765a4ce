package io.tradingsuite.strategy.dca;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.contracts.Dca;
import io.tradingsuite.contracts.Money;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.backtest.Timerange;
import io.tradingsuite.strategy.marketdata.MarketDataClient;
import io.tradingsuite.support.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The REST side of plans: create, read, delete, simulate; JSON views in the API's snake_case. */
@ApplicationScoped
public class DcaService {

  @Inject DcaStore store;
  @Inject DcaClock clock;
  @Inject DcaScheduler scheduler;
  @Inject MarketDataClient marketData;

  /** The exchange a plan buys on when the request names none: the one the live bots default to. */
  @ConfigProperty(name = "suite.backtest.default-exchange", defaultValue = "binance")
  String defaultExchange;

  @ConfigProperty(name = "suite.dca.default-timeframe", defaultValue = "5m")
  String defaultTimeframe;

  public Map<String, Object> create(JsonNode body) {
    Instant now = clock.instant();
    String id = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DcaPlan plan;
    try {
      plan =
          DcaPlanParser.parse(
              body, new DcaPlanParser.Defaults(defaultExchange, defaultTimeframe), id, now);
    } catch (DcaInputException e) {
      throw ProblemException.badRequest(e.field(), e.getMessage());
    }
    store.insertPlan(plan, plan.initialCursor(scheduler.grace()));
    return view(store.plan(id).orElseThrow(), List.of(), 0);
  }

  public List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DcaStore.StoredPlan sp : store.plans(false)) {
      out.add(view(sp, store.history(sp.plan().id(), Integer.MAX_VALUE), 0));
    }
    return out;
  }

  public Map<String, Object> get(String id, int historyLimit) {
    DcaStore.StoredPlan sp = find(id);
    return view(sp, store.history(id, Integer.MAX_VALUE), historyLimit);
  }

  public void delete(String id) {
    if (!store.delete(id, clock.instant())) {
      throw ProblemException.notFound("no DCA plan " + id);
    }
  }

  private DcaStore.StoredPlan find(String id) {
    return store
        .plan(id)
        .filter(sp -> sp.deletedAt() == null)
        .orElseThrow(() -> ProblemException.notFound("no DCA plan " + id));
  }

  // ------------------------------------------------------------------ simulate

  public Map<String, Object> simulate(String id, JsonNode body) {
    DcaPlan plan = find(id).plan();
    Timerange range = Timerange.ALL;
    BigDecimal fee = BigDecimal.ZERO;
    if (body != null && !body.isNull() && !body.isMissingNode()) {
      if (!body.isObject()) {
        throw ProblemException.badRequest(
            "body", "must be a JSON object like {\"timerange\": \"20240101-\"}");
      }
      JsonNode tr = body.get("timerange");
      if (tr != null && !tr.isNull()) {
        try {
          range = Timerange.parse(tr.asText());
        } catch (IllegalArgumentException e) {
          throw ProblemException.badRequest("timerange", e.getMessage());
        }
      }
      JsonNode f = body.get("fee");
      if (f != null && !f.isNull()) {
        if (!f.isNumber()
            || f.decimalValue().signum() < 0
            || f.decimalValue().compareTo(BigDecimal.ONE) >= 0) {
          throw ProblemException.badRequest("fee", "must be a ratio from 0 to below 1, like 0.001");
        }
        fee = f.decimalValue();
      }
    }
    Instant now = clock.instant();
    Instant from = range.start();
    Instant to = range.end();
    if (Timerange.ALL.equals(range) && plan.start().isBefore(now)) {
      // the plan's own period when it has begun; a plan still to begin is judged on all history
      from = plan.start();
      to = plan.end() == null || plan.end().isAfter(now) ? now : plan.end();
    }
    long tf = plan.timeframe().millis();
    int warmup = plan.dip() == null ? 1 : plan.dip().maPeriod() + 1;
    CandleColumns candles;
    try {
      candles =
          marketData.candles(
              plan.exchange(),
              plan.pair(),
              plan.timeframe(),
              from == null ? null : from.minusMillis(warmup * tf),
              to);
    } catch (MarketDataClient.MarketDataUnavailableException e) {
      throw new ProblemException(503, null, "cannot load stored candles: " + e.getMessage());
    }
    if (candles.size() == 0) {
      throw ProblemException.badRequest(
          "timerange",
          "no stored "
              + plan.timeframe().name()
              + " candles of "
              + plan.pair()
              + " on "
              + plan.exchange()
              + (from == null && to == null ? "" : " in the timerange")
              + " (download or import them into market-data-service first)");
    }
    long[] times = candles.openTime();
    Instant first = Instant.ofEpochMilli(times[0]);
    Instant lastEnd = Instant.ofEpochMilli(times[times.length - 1] + tf - 1);
    Instant simFrom = from == null || from.isBefore(first) ? first : from;
    Instant simTo = to == null || to.isAfter(lastEnd) ? lastEnd : to;
    if (simTo.isBefore(simFrom)) {
      throw ProblemException.badRequest("timerange", "no stored candles in the timerange");
    }
    DcaSimulation.Result r;
    try {
      r = DcaSimulation.run(plan, candles, simFrom, simTo, fee);
    } catch (DcaInputException e) {
      throw ProblemException.badRequest(e.field(), e.getMessage());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plan_id", plan.id());
    m.put("exchange", plan.exchange());
    m.put("pair", plan.pair());
    m.put("timeframe", plan.timeframe().name());
    m.put("from", r.from());
    m.put("to", r.to());
    m.put("fee", fee);
    m.put("buys", r.buys());
    m.put("dip_buys", r.dipBuys());
    m.put("skipped", r.skipped());
    m.put("invested", r.invested());
    m.put("fees", r.fees());
    m.put("amount", r.amount());
    m.put("average_entry_price", r.averageEntryPrice());
    m.put("last_close", r.lastClose());
    m.put("last_close_at", r.lastCloseAt());
    m.put("value", r.value());
    m.put("profit_abs", r.profitAbs());
    m.put("profit_ratio", r.profitRatio());
    m.put("first_buy_at", r.firstBuyAt());
    m.put("last_buy_at", r.lastBuyAt());
    return m;
  }

  // ------------------------------------------------------------------ views

  private Map<String, Object> view(DcaStore.StoredPlan sp, List<DcaBuy> history, int historyLimit) {
    DcaPlan p = sp.plan();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("exchange", p.exchange());
    m.put("pair", p.pair());
    m.put("timeframe", p.timeframe().name());
    m.put("stake_amount", p.stakeAmount());
    m.put("schedule", p.schedule().toJson());
    m.put("start", p.start());
    m.put("end", p.end());
    if (p.dip() == null) {
      m.put("buy_the_dip", null);
    } else {
      Map<String, Object> dip = new LinkedHashMap<>();
      dip.put("multiplier", p.dip().multiplier());
      dip.put("ma_period", p.dip().maPeriod());
      m.put("buy_the_dip", dip);
    }
    m.put("strategy", Dca.STRATEGY);
    m.put("exit_plan", Dca.exitPlan());
    m.put("created_at", p.createdAt());
    Instant next = p.nextDue(sp.cursor());
    m.put("status", sp.deletedAt() != null ? "deleted" : next == null ? "finished" : "active");
    m.put("next_due_at", next);
    // the newest handled due time (the cursor itself may sit before the first one)
    DcaBuy newest = history.isEmpty() ? null : history.get(0);
    m.put(
        "last_due_at",
        newest == null
            ? null
            : newest.missedUntil() != null ? newest.missedUntil() : newest.dueAt());
    m.put("summary", summary(history));
    if (historyLimit > 0) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (DcaBuy b : history.subList(0, Math.min(historyLimit, history.size()))) {
        rows.add(row(b));
      }
      m.put("history", rows);
    }
    return m;
  }

  static Map<String, Object> summary(List<DcaBuy> history) {
    int sent = 0;
    int approved = 0;
    int denied = 0;
    int filled = 0;
    long missed = 0;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    for (DcaBuy b : history) {
      if (DcaBuy.MISSED.equals(b.sendState()) && b.decision() == null) {
        missed += b.missedCount() == null ? 1 : b.missedCount();
        continue;
      }
      sent++;
      if (DcaBuy.APPROVED.equals(b.decision())) {
        approved++;
      } else if (DcaBuy.DENIED.equals(b.decision())) {
        denied++;
      }
      if (b.fillAmount() != null && b.fillPrice() != null && b.fillAmount().signum() > 0) {
        filled++;
        cost = cost.add(b.fillPrice().multiply(b.fillAmount()));
        amount = amount.add(b.fillAmount());
        fees = fees.add(b.fillFee() == null ? BigDecimal.ZERO : b.fillFee());
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("buys_sent", sent);
    s.put("approved", approved);
    s.put("denied", denied);
    s.put("filled", filled);
    s.put("missed", missed);
    s.put("filled_cost", Money.report(cost));
    s.put("filled_amount", Money.report(amount));
    s.put("fees", Money.report(fees));
    s.put(
        "average_entry_price",
        amount.signum() == 0 ? null : Money.report(cost.divide(amount, MathContext.DECIMAL128)));
    return s;
  }

  static Map<String, Object> row(DcaBuy b) {
    Map<String, Object> m = new LinkedHashMap<>();
    // a run of missed due times was never sent; a buy reported missed (unconfirmed) may have been
    boolean missedRun = b.missedUntil() != null;
    m.put("due_at", b.dueAt());
    m.put("status", b.status());
    m.put("send_state", b.sendState());
    m.put("signal_id", missedRun ? null : b.id());
    m.put("stake_amount", b.stakeAmount());
    m.put("multiplier", b.multiplier());
    m.put("price", b.price());
    m.put("rule", b.rule());
    m.put("reasons", b.reasons());
    m.put("decision_id", b.decisionId());
    m.put("trade_id", b.tradeId());
    m.put("fill_price", b.fillPrice());
    m.put("fill_amount", b.fillAmount());
    m.put("fill_fee", b.fillFee());
    if (b.missedCount() != null) {
      m.put("missed_count", b.missedCount());
      m.put("missed_until", b.missedUntil());
    }
    m.put("note", b.note());
    m.put("reported_at", b.reportedAt());
    return m;
  }
}
