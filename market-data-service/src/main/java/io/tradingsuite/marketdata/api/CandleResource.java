package io.tradingsuite.marketdata.api;

import io.smallrye.common.annotation.Blocking;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.BadRow;
import io.tradingsuite.marketdata.candles.CandleQueries;
import io.tradingsuite.marketdata.candles.Gaps;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.candles.TimeGrid;
import io.tradingsuite.marketdata.importing.CandleImporter;
import io.tradingsuite.marketdata.importing.FreqtradeFileName;
import io.tradingsuite.marketdata.importing.OhlcvParser;
import io.tradingsuite.marketdata.importing.OhlcvWriter;
import io.tradingsuite.marketdata.metrics.MarketDataMetrics;
import io.tradingsuite.marketdata.sample.SampleDataSet;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Stored candles: read, list, import, export, gaps, resample. Thin over the plain-Java cores. */
@Path("/api/v1")
@Blocking
public class CandleResource {
  static final long MIN_TIME = CandleQueries.MIN_TIME;
  static final long MAX_TIME = CandleQueries.MAX_TIME;

  @Inject CandleQueries candles;
  @Inject CandleImporter importer;
  @Inject MarketDataMetrics metrics;

  @GET
  @Path("/candles")
  @Produces(MediaType.APPLICATION_JSON)
  public List<Candle> candles(
      @QueryParam("exchange") String exchange,
      @QueryParam("pair") String pair,
      @QueryParam("timeframe") String timeframe,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("0") int limit) {
    MarketKey key = Params.key(exchange, pair, timeframe);
    if (limit < 0) {
      throw ProblemException.badRequest("limit", "must be >= 0 (0 = all)");
    }
    return candles
        .find(key, Params.time("from", from, MIN_TIME), Params.time("to", to, MAX_TIME), limit)
        .stream()
        .map(o -> o.toCandle(key.exchange(), key.pair(), key.timeframe()))
        .toList();
  }

  /** One stored series. {@code synthetic} marks the generated sample set. */
  public record SeriesView(
      String exchange,
      String pair,
      String timeframe,
      long candles,
      Instant first,
      Instant last,
      boolean synthetic,
      String label) {}

  @GET
  @Path("/pairs")
  @Produces(MediaType.APPLICATION_JSON)
  public List<SeriesView> pairs(@QueryParam("exchange") String exchange) {
    return candles.series(exchange == null || exchange.isBlank() ? null : exchange).stream()
        .map(
            s -> {
              boolean synthetic = SampleDataSet.EXCHANGE.equals(s.exchange());
              return new SeriesView(
                  s.exchange(),
                  s.pair(),
                  s.timeframe(),
                  s.candles(),
                  Instant.ofEpochMilli(s.first()),
                  Instant.ofEpochMilli(s.last()),
                  synthetic,
                  synthetic ? SampleDataSet.LABEL : null);
            })
        .toList();
  }

  public record ImportResult(
      String exchange,
      String pair,
      String timeframe,
      int imported,
      int duplicates_dropped,
      List<BadRow> skipped,
      Instant first,
      Instant last) {}

  /**
   * Body: Freqtrade OHLCV JSON, the same gzip-compressed, or CSV. Pair and timeframe come from the
   * query or from {@code filename} ({@code BTC_USDT-5m.json}). All or nothing unless {@code
   * skip_bad_rows=true}.
   */
  @POST
  @Path("/candles/import")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public ImportResult importCandles(
      @QueryParam("exchange") String exchange,
      @QueryParam("pair") String pair,
      @QueryParam("timeframe") String timeframe,
      @QueryParam("filename") String filename,
      @QueryParam("skip_bad_rows") @DefaultValue("false") boolean skipBadRows,
      byte[] body) {
    if ((pair == null || pair.isBlank() || timeframe == null || timeframe.isBlank())
        && filename != null) {
      FreqtradeFileName name =
          FreqtradeFileName.parse(filename)
              .orElseThrow(
                  () ->
                      ProblemException.badRequest(
                          "filename",
                          "not a Freqtrade data file name like BTC_USDT-5m.json: \""
                              + filename
                              + "\""));
      pair = pair == null || pair.isBlank() ? name.pair() : pair;
      timeframe = timeframe == null || timeframe.isBlank() ? name.timeframe() : timeframe;
    }
    MarketKey key = Params.key(exchange, pair, timeframe);
    if (body == null || body.length == 0) {
      throw ProblemException.badRequest(
          "body", "empty: expected Freqtrade OHLCV JSON [[ms,o,h,l,c,v],...] or CSV");
    }
    CandleImporter.Result r;
    try {
      r = importer.importBytes(key, body, skipBadRows);
    } catch (OhlcvParser.ParseException e) {
      throw ProblemException.badRequest(e.row() > 0 ? "row " + e.row() : "body", e.getMessage());
    } catch (CandleImporter.Refused e) {
      throw ProblemException.badRequest(
          "row " + e.row().row(),
          e.getMessage().substring(e.getMessage().indexOf(':') + 2)
              + "; nothing was imported (skip_bad_rows=true imports the good rows)");
    }
    metrics.ingested(MarketDataMetrics.IMPORT, r.imported());
    return new ImportResult(
        key.exchange(),
        key.pair(),
        key.timeframe(),
        r.imported(),
        r.duplicatesDropped(),
        r.skipped(),
        Params.instant(r.first()),
        Params.instant(r.last()));
  }

  @GET
  @Path("/candles/export")
  public Response export(
      @QueryParam("exchange") String exchange,
      @QueryParam("pair") String pair,
      @QueryParam("timeframe") String timeframe,
      @QueryParam("format") @DefaultValue("json") String format,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    MarketKey key = Params.key(exchange, pair, timeframe);
    if (!List.of("json", "jsongz", "csv").contains(format)) {
      throw ProblemException.badRequest(
          "format", "one of json, jsongz, csv (was \"" + format + "\")");
    }
    List<Ohlcv> rows =
        candles.find(key, Params.time("from", from, MIN_TIME), Params.time("to", to, MAX_TIME), 0);
    String type =
        switch (format) {
          case "jsongz" -> "application/gzip";
          case "csv" -> "text/csv";
          default -> MediaType.APPLICATION_JSON;
        };
    return Response.ok(OhlcvWriter.write(rows, format), type)
        .header(
            "Content-Disposition",
            "attachment; filename=\""
                + FreqtradeFileName.of(key.pair(), key.timeframe(), format)
                + "\"")
        .build();
  }

  public record GapView(Instant from, Instant to, long missing) {}

  public record GapReport(
      String exchange,
      String pair,
      String timeframe,
      long candles,
      Instant first,
      Instant last,
      long missing,
      List<GapView> gaps) {}

  @GET
  @Path("/candles/gaps")
  @Produces(MediaType.APPLICATION_JSON)
  public GapReport gaps(
      @QueryParam("exchange") String exchange,
      @QueryParam("pair") String pair,
      @QueryParam("timeframe") String timeframe,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    MarketKey key = Params.key(exchange, pair, timeframe);
    long[] times =
        candles.openTimes(
            key, Params.time("from", from, MIN_TIME), Params.time("to", to, MAX_TIME));
    Gaps.Report report = Gaps.find(times, times.length, key.tf());
    return new GapReport(
        key.exchange(),
        key.pair(),
        key.timeframe(),
        report.candles(),
        times.length == 0 ? null : Instant.ofEpochMilli(times[0]),
        times.length == 0 ? null : Instant.ofEpochMilli(times[times.length - 1]),
        report.missing(),
        report.gaps().stream()
            .map(
                g ->
                    new GapView(
                        Instant.ofEpochMilli(g.from()), Instant.ofEpochMilli(g.to()), g.missing()))
            .toList());
  }

  public record ResampleResult(
      String exchange,
      String pair,
      String from_timeframe,
      String timeframe,
      int source_candles,
      int stored,
      Instant first,
      Instant last) {}

  /** Resamples a stored series into a larger timeframe and stores the result (upsert). */
  @POST
  @Path("/candles/resample")
  @Produces(MediaType.APPLICATION_JSON)
  public ResampleResult resample(
      @QueryParam("exchange") String exchange,
      @QueryParam("pair") String pair,
      @QueryParam("from_timeframe") String fromTimeframe,
      @QueryParam("timeframe") String timeframe) {
    Params.require("from_timeframe", fromTimeframe);
    MarketKey source = Params.key(exchange, pair, fromTimeframe);
    MarketKey target = Params.key(exchange, pair, timeframe);
    Timeframe from = source.tf();
    Timeframe to = target.tf();
    if (!TimeGrid.nests(from, to)) {
      throw ProblemException.badRequest(
          "timeframe",
          TimeGrid.isCalendar(to)
              ? "1w and 1M resample from a timeframe that divides a day, not from "
                  + from
                  + " (was "
                  + to
                  + ")"
              : "must be a larger multiple of from_timeframe " + from + " (was " + to + ")");
    }
    CandleQueries.Resampled r =
        candles
            .resample(source, target)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "from_timeframe", "no stored candles for " + source));
    List<Ohlcv> out = r.candles();
    return new ResampleResult(
        target.exchange(),
        target.pair(),
        from.name(),
        to.name(),
        r.sourceCandles(),
        out.size(),
        Instant.ofEpochMilli(out.get(0).openTime()),
        Instant.ofEpochMilli(out.get(out.size() - 1).openTime()));
  }
}
