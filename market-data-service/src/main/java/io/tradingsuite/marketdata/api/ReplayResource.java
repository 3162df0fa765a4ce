package io.tradingsuite.marketdata.api;

import io.smallrye.common.annotation.Blocking;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.replay.ReplaySpec;
import io.tradingsuite.marketdata.replay.ReplayState;
import io.tradingsuite.marketdata.service.ReplayManager;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Replays of stored candles into {@code market.candles.v1}: start, follow, cancel. */
@Path("/api/v1/replays")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ReplayResource {
  @Inject ReplayManager manager;

  /**
   * {@code speed}: a multiple of real time (60 = a 5m candle every 5 s), or 0 / "max" = as fast as
   * possible.
   */
  public record ReplayRequest(
      String exchange,
      List<String> pairs,
      String timeframe,
      String from,
      String to,
      String speed) {}

  public record PairProgressView(Instant last_open_time, long published) {}

  public record ReplayView(
      String id,
      String status,
      String exchange,
      List<String> pairs,
      String timeframe,
      Instant from,
      Instant to,
      double speed,
      long total,
      long published,
      Map<String, PairProgressView> progress,
      String error) {}

  @POST
  public Response start(ReplayRequest request) {
    if (request == null) {
      throw ProblemException.badRequest(
          "body", "expected {exchange, pairs, timeframe, from, to, speed}");
    }
    if (request.pairs() == null || request.pairs().isEmpty()) {
      throw ProblemException.badRequest("pairs", "at least one pair like BTC/USDT is required");
    }
    List<String> pairs = new ArrayList<>();
    MarketKey first = null;
    for (String pair : request.pairs()) {
      MarketKey key = Params.key(request.exchange(), pair, request.timeframe());
      first = first == null ? key : first;
      if (!pairs.contains(key.pair())) {
        pairs.add(key.pair());
      }
    }
    long from = Params.time("from", request.from(), CandleResource.MIN_TIME);
    long to = Params.time("to", request.to(), CandleResource.MAX_TIME);
    if (from >= to) {
      throw ProblemException.badRequest("to", "must be after from");
    }
    double speed = speed(request.speed());
    ReplaySpec spec =
        new ReplaySpec(
            UUID.randomUUID().toString(),
            first.exchange(),
            pairs,
            first.timeframe(),
            from,
            to,
            speed);
    if (manager.count(spec) == 0) {
      throw ProblemException.badRequest(
          "pairs",
          "no stored candles of "
              + pairs
              + " on "
              + first.exchange()
              + " "
              + first.timeframe()
              + " in the range (GET /api/v1/pairs lists what is stored)");
    }
    return Response.accepted(view(manager.start(spec))).build();
  }

  @GET
  public List<ReplayView> list() {
    return manager.all().stream().map(ReplayResource::view).toList();
  }

  @GET
  @Path("/{id}")
  public ReplayView get(@PathParam("id") String id) {
    return view(manager.find(id).orElseThrow(() -> ProblemException.notFound("no replay " + id)));
  }

  @DELETE
  @Path("/{id}")
  public ReplayView cancel(@PathParam("id") String id) throws InterruptedException {
    return view(manager.cancel(id).orElseThrow(() -> ProblemException.notFound("no replay " + id)));
  }

  private static double speed(String speed) {
    if (speed == null || speed.isBlank() || speed.trim().toLowerCase(Locale.ROOT).equals("max")) {
      return 0;
    }
    try {
      double v = Double.parseDouble(speed.trim());
      if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(
          "speed", "a multiple of real time >= 0, or \"max\" (was \"" + speed + "\")");
    }
  }

  static ReplayView view(ReplayState s) {
    Map<String, PairProgressView> progress = new LinkedHashMap<>();
    s.progress()
        .forEach(
            (pair, p) ->
                progress.put(
                    pair,
                    new PairProgressView(Instant.ofEpochMilli(p.lastOpenTime()), p.published())));
    ReplaySpec spec = s.spec();
    return new ReplayView(
        spec.id(),
        s.status(),
        spec.exchange(),
        spec.pairs(),
        spec.timeframe(),
        spec.from() <= CandleResource.MIN_TIME ? null : Instant.ofEpochMilli(spec.from()),
        spec.to() >= CandleResource.MAX_TIME ? null : Instant.ofEpochMilli(spec.to()),
        spec.speed(),
        s.total(),
        s.published(),
        progress,
        s.error());
  }
}
