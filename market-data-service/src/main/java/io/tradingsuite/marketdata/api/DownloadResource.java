package io.tradingsuite.marketdata.api;

import io.smallrye.common.annotation.Blocking;
import io.tradingsuite.marketdata.exchange.HistoryDownloader;
import io.tradingsuite.marketdata.service.DownloadManager;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * History downloads through XChange: {@code POST /api/v1/downloads} → 202 {id}; follow with GET.
 */
@Path("/api/v1/downloads")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DownloadResource {
  @Inject DownloadManager manager;

  /**
   * {@code timerange} as Freqtrade writes it ({@code 20240101-}, {@code 20240101-20240201}), or
   * {@code from}/{@code to}.
   */
  public record DownloadRequest(
      String exchange,
      List<String> pairs,
      List<String> timeframes,
      String timerange,
      String from,
      String to) {}

  public record ResultView(
      String pair,
      String timeframe,
      int stored,
      int pages,
      int rate_limited,
      Instant first,
      Instant last) {}

  public record DownloadView(
      String id,
      String status,
      String exchange,
      List<String> pairs,
      List<String> timeframes,
      Instant from,
      Instant to,
      List<ResultView> results,
      String error) {}

  @POST
  public Response start(DownloadRequest r) {
    if (r == null) {
      throw ProblemException.badRequest(
          "body", "expected {exchange, pairs, timeframes, timerange}");
    }
    Params.require("exchange", r.exchange());
    String exchange = r.exchange().toLowerCase(Locale.ROOT);
    if (r.pairs() == null || r.pairs().isEmpty()) {
      throw ProblemException.badRequest("pairs", "at least one pair like BTC/USDT is required");
    }
    List<String> timeframes =
        r.timeframes() == null || r.timeframes().isEmpty() ? List.of("1m", "5m") : r.timeframes();
    List<String> pairs = new ArrayList<>();
    for (String pair : r.pairs()) {
      for (String tf : timeframes) {
        String normal = Params.key(exchange, pair, tf).pair(); // validates pair and timeframe
        if (!pairs.contains(normal)) {
          pairs.add(normal);
        }
      }
    }
    String fromText = r.from();
    String toText = r.to();
    if (r.timerange() != null && !r.timerange().isBlank()) {
      String[] parts = r.timerange().split("-", -1);
      if (parts.length != 2) {
        throw ProblemException.badRequest(
            "timerange", "expected START-[END] like 20240101- or 20240101-20240201");
      }
      fromText = parts[0];
      toText = parts[1];
    }
    long now = System.currentTimeMillis();
    long from = Params.time("from", fromText, now - 30L * 86_400_000L);
    long to = Params.time("to", toText, now);
    if (from >= to) {
      throw ProblemException.badRequest("to", "must be after from");
    }
    return Response.accepted(view(manager.start(exchange, pairs, timeframes, from, to))).build();
  }

  @GET
  @Path("/{id}")
  public DownloadView get(@PathParam("id") String id) {
    return view(manager.find(id).orElseThrow(() -> ProblemException.notFound("no download " + id)));
  }

  private static DownloadView view(DownloadManager.Job j) {
    List<ResultView> results =
        j.results().stream()
            .map(
                (HistoryDownloader.Result x) ->
                    new ResultView(
                        x.pair(),
                        x.timeframe(),
                        x.stored(),
                        x.pages(),
                        x.rateLimited(),
                        Params.instant(x.first()),
                        Params.instant(x.last())))
            .toList();
    return new DownloadView(
        j.id(),
        j.status(),
        j.exchange(),
        j.pairs(),
        j.timeframes(),
        Instant.ofEpochMilli(j.from()),
        Instant.ofEpochMilli(j.to()),
        results,
        j.error());
  }
}
