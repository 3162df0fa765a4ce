package io.tradingsuite.cli.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite download-data}: Freqtrade's verb. Either imports Freqtrade data files into
 * market-data-service, or asks it to download history from an exchange through XChange.
 */
@Command(
    name = "download-data",
    mixinStandardHelpOptions = true,
    description = {
      "Import Freqtrade OHLCV files, or download candle history from an exchange.",
      "  ./suite download-data --import user_data/data/binance/BTC_USDT-5m.json ETH_BTC-1h.json.gz",
      "  ./suite download-data --exchange binance --pairs BTC/USDT ETH/USDT --timeframes 5m 1h --timerange 20240101-"
    })
public class DownloadDataCommand implements Callable<Integer> {
  private static final Pattern FILE =
      Pattern.compile(
          "^[A-Za-z0-9]+_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)?-\\d+(?:Mo|[smhdwM])(?:-[A-Za-z_]+)?\\.(json|json\\.gz|csv|csv\\.gz)$");

  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Option(
      names = "--import",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Freqtrade data files (PAIR-TIMEFRAME.json, .json.gz, .csv); pair and timeframe come from the name.")
  List<Path> files;

  @Option(
      names = "--exchange",
      description =
          "Exchange id (binance, kraken). For --import: defaults to the file's directory name (user_data/data/<exchange>/).")
  String exchange;

  @Option(
      names = "--pairs",
      arity = "1..*",
      description = "Pairs to download, e.g. BTC/USDT ETH/USDT.")
  List<String> pairs;

  @Option(
      names = "--timeframes",
      arity = "1..*",
      defaultValue = "1m,5m",
      split = ",",
      description = "Timeframes (default: 1m 5m).")
  List<String> timeframes;

  @Option(
      names = "--timerange",
      description = "YYYYMMDD-[YYYYMMDD], as in Freqtrade (default: the last 30 days).")
  String timerange;

  @Option(
      names = "--skip-bad-rows",
      description =
          "Import the good rows of a file and list the bad ones (default: a bad row refuses the file).")
  boolean skipBadRows;

  @Option(
      names = "--no-wait",
      description = "Start the download and return its id without waiting.")
  boolean noWait;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MarketDataClient client = new MarketDataClient(json);
    try {
      if (files != null && !files.isEmpty()) {
        return importFiles(client, out, err);
      }
      if (exchange == null || pairs == null || pairs.isEmpty()) {
        err.println("download-data: give --import FILE..., or --exchange and --pairs (see --help)");
        return 2;
      }
      return download(client, out);
    } catch (ApiClient.ApiException e) {
      err.println("download-data: " + e.getMessage());
      return 1;
    }
  }

  private int importFiles(MarketDataClient client, PrintWriter out, PrintWriter err)
      throws IOException {
    int failed = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (!FILE.matcher(name).matches()) {
        err.printf(
            "%s: not a Freqtrade data file name (PAIR-TIMEFRAME.json, e.g. BTC_USDT-5m.json)%n",
            file);
        failed++;
        continue;
      }
      String ex =
          exchange != null ? exchange : file.toAbsolutePath().getParent().getFileName().toString();
      if (!ex.matches("[A-Za-z0-9._-]+")) {
        err.printf("%s: cannot tell the exchange from the directory; pass --exchange%n", file);
        failed++;
        continue;
      }
      Map<String, String> q = new LinkedHashMap<>();
      q.put("exchange", ex);
      q.put("filename", name);
      q.put("skip_bad_rows", String.valueOf(skipBadRows));
      try {
        JsonNode r =
            client.upload(
                MarketDataClient.url("/api/v1/candles/import", q), Files.readAllBytes(file));
        out.printf(
            "%s: %d candles of %s %s on %s (%s .. %s)%n",
            file,
            r.path("imported").asInt(),
            r.path("pair").asText(),
            r.path("timeframe").asText(),
            r.path("exchange").asText(),
            r.path("first").asText("-"),
            r.path("last").asText("-"));
        for (JsonNode s : r.path("skipped")) {
          out.printf("  skipped row %d: %s%n", s.path("row").asInt(), s.path("reason").asText());
        }
      } catch (ApiClient.ApiException e) {
        err.printf("%s: %s%n", file, e.getMessage());
        failed++;
      }
    }
    return failed == 0 ? 0 : 1;
  }

  private int download(MarketDataClient client, PrintWriter out) throws InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("exchange", exchange);
    body.put("pairs", pairs);
    body.put("timeframes", timeframes);
    body.put("timerange", timerange);
    JsonNode job = client.api.post(MarketDataClient.url("/api/v1/downloads", Map.of()), body);
    String id = job.path("id").asText();
    out.printf("download %s started: %s %s %s%n", id, exchange, pairs, timeframes);
    if (noWait) {
      return 0;
    }
    while ("running".equals(job.path("status").asText())) {
      Thread.sleep(1000);
      job = client.api.get(MarketDataClient.url("/api/v1/downloads/" + id, Map.of()));
    }
    for (JsonNode r : job.path("results")) {
      out.printf(
          "  %s %s: %d candles stored in %d pages (%s .. %s)%s%n",
          r.path("pair").asText(),
          r.path("timeframe").asText(),
          r.path("stored").asInt(),
          r.path("pages").asInt(),
          r.path("first").asText("-"),
          r.path("last").asText("-"),
          r.path("rate_limited").asInt() > 0
              ? ", rate-limited " + r.path("rate_limited").asInt() + "x"
              : "");
    }
    out.printf(
        "download %s: %s%s%n",
        id,
        job.path("status").asText(),
        job.hasNonNull("error") ? " - " + job.path("error").asText() : "");
    return "done".equals(job.path("status").asText()) ? 0 : 1;
  }
}
