package io.tradingsuite.strategy.rest;

import io.tradingsuite.strategy.live.BotConfig;
import io.tradingsuite.strategy.live.LiveBot;
import io.tradingsuite.strategy.live.LiveLoop;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The live bots: configuration, the last candle processed per pair, open trades and pending
 * entries.
 */
@Path("/api/v1/bots")
@Produces(MediaType.APPLICATION_JSON)
public class BotResource {

  @Inject LiveLoop live;

  @GET
  @Operation(
      summary =
          "Each bot with its strategy, markets, stake, exit plan, last candle per pair and open trades")
  public List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LiveBot bot : live.bots()) {
      synchronized (bot) {
        out.add(view(bot));
      }
    }
    return out;
  }

  private static Map<String, Object> view(LiveBot bot) {
    BotConfig c = bot.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("strategy", c.strategy().name());
    m.put("params", bot.params().asMap());
    m.put("exchange", c.exchange());
    m.put("pairs", c.pairs());
    m.put("timeframe", c.timeframe().name());
    m.put("stake_amount", c.stakeAmount());
    m.put("max_open_trades", c.maxOpenTrades());
    m.put("exit_plan", bot.exitPlan());
    Map<String, Long> processed = bot.lastProcessed();
    List<Map<String, Object>> markets = new ArrayList<>();
    for (String pair : c.pairs()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("pair", pair);
      Long last = processed.get(pair);
      pm.put("last_candle", last == null ? null : Instant.ofEpochMilli(last));
      pm.put("window", bot.windowSize(pair));
      LiveBot.Pending p = bot.pendingEntries().get(pair);
      pm.put("pending_entry_signal", p == null ? null : p.signalId());
      markets.add(pm);
    }
    m.put("markets", markets);
    List<Map<String, Object>> trades = new ArrayList<>();
    for (LiveBot.OpenTrade t : bot.openTrades()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("trade_id", t.tradeId());
      tm.put("pair", t.pair());
      tm.put("open_rate", t.openRate());
      tm.put("amount", t.amount());
      tm.put("opened_at", t.openedAt());
      trades.add(tm);
    }
    m.put("open_trades", trades);
    return m;
  }
}
