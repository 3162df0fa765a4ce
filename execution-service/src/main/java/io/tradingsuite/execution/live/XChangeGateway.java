package io.tradingsuite.execution.live;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.contracts.OrderSide;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceAuthenticated;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.binance.service.BinanceBaseService;
import org.knowm.xchange.binance.service.BinanceTradeService;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.knowm.xchange.dto.trade.MarketOrder;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.service.trade.TradeService;
import org.knowm.xchange.service.trade.params.DefaultCancelOrderByInstrumentAndIdParams;
import org.knowm.xchange.service.trade.params.DefaultCancelOrderParamId;
import org.knowm.xchange.service.trade.params.orders.DefaultQueryOrderParam;
import org.knowm.xchange.service.trade.params.orders.DefaultQueryOrderParamInstrument;
import si.mazi.rescu.serialization.jackson.DefaultJacksonObjectMapperFactory;

/**
 * Binance and Kraken through XChange 5.1.0's {@link TradeService}: market and limit orders carrying
 * the client order id (Binance {@code newClientOrderId}, Kraken {@code userref}), status polling
 * with the cumulative filled amount (partial fills), cancel; every exception mapped by {@link
 * ReasonCodes}; a client-side rate limit below the exchange's. The keys go into XChange's
 * specification only and are never logged; {@link #toString()} does not show them.
 */
public final class XChangeGateway implements ExchangeGateway {
  private final String exchange;
  private final TradeService trade;
  private final RateLimiter limiter;

  public XChangeGateway(
      String exchange,
      String baseUrl,
      String apiKey,
      String secret,
      double requestsPerSecond,
      Duration readTimeout) {
    this.exchange = exchange.toLowerCase(Locale.ROOT);
    this.limiter = new RateLimiter(requestsPerSecond);
    ExchangeSpecification spec;
    switch (this.exchange) {
      case "binance" -> {
        spec = new ExchangeSpecification(BinanceExchange.class);
        // remote init would call fapi.binance.com whatever the base URL: use the bundled metadata
        spec.setShouldLoadRemoteMetaData(false);
      }
      case "kraken" ->
          spec = new ExchangeSpecification(KrakenExchange.class); // remote init maps pair names
      default ->
          throw new IllegalArgumentException(
              "live trading supports binance and kraken, not " + exchange);
    }
    if (baseUrl != null && !baseUrl.isBlank()) {
      spec.setSslUri(baseUrl);
    }
    spec.setApiKey(apiKey);
    spec.setSecretKey(secret);
    spec.setHttpReadTimeout((int) readTimeout.toMillis());
    spec.setHttpConnTimeout((int) Math.min(readTimeout.toMillis(), 5000));
    Exchange ex = ExchangeFactory.INSTANCE.createExchange(spec);
    if (ex instanceof BinanceExchange) {
      fixBinanceOrderParsing(ex, spec);
    }
    this.trade = ex.getTradeService();
  }

  /**
   * Jackson >= 2.15 cannot read Binance's {@code timeInForce} with XChange 5.1.0's type info: drop
   * it.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
  interface NoTypeInfo {}

  private static void fixBinanceOrderParsing(Exchange ex, ExchangeSpecification spec) {
    BinanceAuthenticated fixed =
        ExchangeRestProxyBuilder.forInterface(BinanceAuthenticated.class, spec)
            .clientConfigCustomizer(
                cc ->
                    cc.setJacksonObjectMapperFactory(
                        new DefaultJacksonObjectMapperFactory() {
                          @Override
                          public void configureObjectMapper(ObjectMapper om) {
                            super.configureObjectMapper(om);
                            om.addMixIn(TimeInForce.class, NoTypeInfo.class);
                          }
                        }))
            .build();
    try {
      Field f = BinanceBaseService.class.getDeclaredField("binance");
      f.setAccessible(true);
      f.set(ex.getTradeService(), fixed);
      f.set(ex.getAccountService(), fixed);
      f.set(ex.getMarketDataService(), fixed);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot apply the Binance order-parsing fix", e);
    }
  }

  @Override
  public String place(PlaceRequest r) throws GatewayException {
    CurrencyPair pair = new CurrencyPair(r.pair());
    Order.OrderType type = r.side() == OrderSide.BUY ? Order.OrderType.BID : Order.OrderType.ASK;
    limiter.acquire();
    try {
      if (r.limitPrice() == null) {
        MarketOrder.Builder b = new MarketOrder.Builder(type, pair).originalAmount(r.amount());
        tag(b, r.clientOrderId());
        return trade.placeMarketOrder(b.build());
      }
      LimitOrder.Builder b =
          new LimitOrder.Builder(type, pair).originalAmount(r.amount()).limitPrice(r.limitPrice());
      tag(b, r.clientOrderId());
      return trade.placeLimitOrder(b.build());
    } catch (Exception e) {
      throw ReasonCodes.map(e);
    }
  }

  private void tag(Order.Builder b, String clientOrderId) {
    if (exchange.equals("binance")) {
      b.flag(BinanceTradeService.BinanceOrderFlags.withClientId(clientOrderId));
    } else {
      b.userReference(krakenUserRef(clientOrderId));
    }
  }

  /** Kraken's userref is an int32: a stable positive hash of the client order id. */
  public static String krakenUserRef(String clientOrderId) {
    return Integer.toString(clientOrderId.hashCode() & 0x7fffffff);
  }

  @Override
  public Report query(String pair, String exchangeOrderId) throws GatewayException {
    limiter.acquire();
    try {
      var found =
          exchange.equals("binance")
              ? trade.getOrder(
                  new DefaultQueryOrderParamInstrument(new CurrencyPair(pair), exchangeOrderId))
              : trade.getOrder(new DefaultQueryOrderParam(exchangeOrderId));
      if (found == null || found.isEmpty()) {
        return new Report(exchangeOrderId, null, "unknown", BigDecimal.ZERO, null, null);
      }
      Order o = found.iterator().next();
      return new Report(
          o.getId(),
          o.getUserReference(),
          status(o.getStatus()),
          o.getCumulativeAmount() == null ? BigDecimal.ZERO : o.getCumulativeAmount(),
          o.getAveragePrice(),
          o.getFee());
    } catch (Exception e) {
      throw ReasonCodes.map(e);
    }
  }

  @Override
  public boolean cancel(String pair, String exchangeOrderId) throws GatewayException {
    limiter.acquire();
    try {
      return exchange.equals("binance")
          ? trade.cancelOrder(
              new DefaultCancelOrderByInstrumentAndIdParams(
                  new CurrencyPair(pair), exchangeOrderId))
          : trade.cancelOrder(new DefaultCancelOrderParamId(exchangeOrderId));
    } catch (Exception e) {
      throw ReasonCodes.map(e);
    }
  }

  static String status(Order.OrderStatus s) {
    if (s == null) {
      return "unknown";
    }
    return switch (s) {
      case PENDING_NEW, NEW, PENDING_REPLACE, REPLACED -> "new";
      case PARTIALLY_FILLED -> "partially_filled";
      case FILLED -> "filled";
      case PENDING_CANCEL, CANCELED, PARTIALLY_CANCELED -> "canceled";
      case REJECTED -> "rejected";
      case EXPIRED, STOPPED -> "expired";
      default -> "unknown";
    };
  }

  @Override
  public String toString() {
    return "XChangeGateway[" + exchange + "]";
  }

  /**
   * At most {@code perSecond} calls per second, spaced evenly (the exchanges' limits are far
   * higher).
   */
  static final class RateLimiter {
    private final long intervalNanos;
    private long next;

    RateLimiter(double perSecond) {
      this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    synchronized void acquire() {
      long now = System.nanoTime();
      if (next > now) {
        try {
          Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        now = next;
      }
      next = now + intervalNanos;
    }
  }
}
