package io.tradingsuite.execution.rest;

import io.tradingsuite.contracts.Money;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.TradingMode;
import io.tradingsuite.core.ExitReason;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.execution.engine.Rows.CandleRow;
import io.tradingsuite.execution.engine.Rows.TradeRow;
import io.tradingsuite.execution.kafka.SignalPublisher;
import io.tradingsuite.execution.rest.Views.BalanceView;
import io.tradingsuite.execution.rest.Views.CurrencyBalance;
import io.tradingsuite.execution.rest.Views.ForceExitAccepted;
import io.tradingsuite.execution.rest.Views.OrderView;
import io.tradingsuite.execution.rest.Views.TradeView;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Orders, trades and the wallet; force-exit goes to risk-service as an exit signal, never around
 * it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {
  private static final List<String> ORDER_STATES =
      List.of(
          "new", "open", "sent", "unknown", "partially_filled", "filled", "rejected", "canceled");

  @Inject ExecutionEngine engine;
  @Inject SignalPublisher signals;

  @GET
  @Path("/orders")
  public List<OrderView> orders(
      @QueryParam("state") String state,
      @QueryParam("trade_id") String tradeId,
      @QueryParam("limit") Integer limit) {
    if (state != null && !ORDER_STATES.contains(state.toLowerCase(Locale.ROOT))) {
      throw ProblemException.badRequest(
          "state", "must be one of " + ORDER_STATES + " (was '" + state + "')");
    }
    int n = limit(limit);
    String s = state == null ? null : state.toUpperCase(Locale.ROOT);
    return engine.orders(s, tradeId, n).stream().map(OrderView::of).toList();
  }

  @GET
  @Path("/trades")
  public List<TradeView> trades(
      @QueryParam("status") String status, @QueryParam("limit") Integer limit) {
    if (status != null && !status.equals("open") && !status.equals("closed")) {
      throw ProblemException.badRequest("status", "must be open or closed (was '" + status + "')");
    }
    int n = limit(limit);
    return engine.trades(status, n).stream().map(TradeView::of).toList();
  }

  @GET
  @Path("/trades/{id}")
  public TradeView trade(@PathParam("id") String id) {
    TradeRow t = engine.trade(id);
    if (t == null) {
      throw ProblemException.notFound("no trade " + id);
    }
    return TradeView.of(t);
  }

  @GET
  @Path("/balance")
  public BalanceView balance() {
    var cfg = engine.settings();
    ExecutionEngine.Wallet wallet = engine.wallet();
    Map<String, BigDecimal> balances = wallet.balances();
    BigDecimal tied = BigDecimal.ZERO;
    for (TradeRow t : wallet.open()) {
      tied = tied.add(t.stakeAmount());
    }
    List<CurrencyBalance> currencies = new ArrayList<>();
    balances.forEach((c, a) -> currencies.add(new CurrencyBalance(c, Money.report(a))));
    boolean paper = cfg.mode() == TradingMode.PAPER;
    return new BalanceView(
        cfg.mode().name().toLowerCase(Locale.ROOT),
        cfg.stakeCurrency(),
        Money.report(cfg.dryRunWallet()),
        Money.report(balances.getOrDefault(cfg.stakeCurrency(), BigDecimal.ZERO)),
        Money.report(tied),
        wallet.open().size(),
        Money.report(wallet.realized()),
        currencies,
        paper
            ? "paper wallet (dry_run_wallet); fees and profit exact, shown to 8 decimals"
            : "live: the exchange holds the funds; these are the service's own bookings of its fills");
  }

  /**
   * 202: an exit signal for the trade is on strategy.signals.v1; risk decides, then the exit fills.
   */
  @POST
  @Path("/trades/{id}/force-exit")
  public Response forceExit(@PathParam("id") String id) {
    TradeRow t = engine.trade(id);
    if (t == null) {
      throw ProblemException.notFound("no trade " + id);
    }
    if (!t.isOpen()) {
      throw ProblemException.conflict("trade " + id + " is already closed");
    }
    CandleRow last = engine.lastCandle(t.exchange(), t.pair(), t.timeframe());
    // the signal acts like one computed on the newest closed candle: it fills at the next candle's
    // open
    Instant candleTime =
        last != null
            ? Instant.ofEpochMilli(last.openTime())
            : Instant.ofEpochMilli(
                Timeframe.parse(t.timeframe()).floor(System.currentTimeMillis()));
    BigDecimal price = last != null ? last.close() : t.openRate();
    Signal s =
        new Signal(
            "force-exit-" + UUID.randomUUID(),
            t.strategy(),
            t.exchange(),
            t.pair(),
            t.timeframe(),
            candleTime,
            SignalAction.EXIT_LONG,
            ExitReason.FORCE_EXIT.wireName(),
            t.tradeId(),
            price,
            null,
            null,
            Instant.now());
    try {
      signals.publish(s).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(503, null, "interrupted while publishing the exit signal");
    } catch (ExecutionException | TimeoutException e) {
      throw new ProblemException(
          503, null, "the exit signal could not be published: " + e.getMessage());
    }
    return Response.accepted(new ForceExitAccepted(t.tradeId(), s.id(), "sent_to_risk")).build();
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return 500;
    }
    if (limit < 1 || limit > 10_000) {
      throw ProblemException.badRequest("limit", "must be between 1 and 10000 (was " + limit + ")");
    }
    return limit;
  }
}
