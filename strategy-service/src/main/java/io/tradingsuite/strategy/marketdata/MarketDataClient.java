package io.tradingsuite.strategy.marketdata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.support.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stored candles from market-data-service: {@code GET
 * {MARKET_DATA_URL}/api/v1/candles?exchange=&pair=&timeframe=&from=&to=} returns a JSON array of
 * candles (snake_case {@code open_time, open, high, low, close, volume}). The body is streamed
 * straight into primitive columns, so a million candles cost no object per candle.
 */
@ApplicationScoped
public class MarketDataClient {

  private static final JsonFactory JSON = new JsonFactory();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @ConfigProperty(name = "suite.market-data.url", defaultValue = "http://127.0.0.1:8081")
  String baseUrl;

  @ConfigProperty(name = "suite.market-data.timeout", defaultValue = "PT120S")
  Duration timeout;

  /** The service could not be reached or answered with an error. */
  public static class MarketDataUnavailableException extends RuntimeException {
    public MarketDataUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Candles of one market, ordered by open time; {@code from}/{@code to} may be null (open).
   * Duplicates and out-of-order rows are dropped (the store should not send them, but the engine
   * needs strictly increasing times).
   *
   * @throws MarketDataUnavailableException when the service is down or answers 5xx
   * @throws ProblemException 400 when the service refuses the query (e.g. an unknown exchange)
   */
  public CandleColumns candles(
      String exchange, String pair, Timeframe timeframe, Instant from, Instant to) {
    StringBuilder q =
        new StringBuilder(baseUrl.replaceAll("/+$", ""))
            .append("/api/v1/candles?exchange=")
            .append(enc(exchange))
            .append("&pair=")
            .append(enc(pair))
            .append("&timeframe=")
            .append(enc(timeframe.name()));
    if (from != null) {
      q.append("&from=").append(enc(from.toString()));
    }
    if (to != null) {
      q.append("&to=").append(enc(to.toString()));
    }
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(q.toString()))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new MarketDataUnavailableException(
          "market-data-service unreachable at " + baseUrl + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MarketDataUnavailableException("interrupted while fetching candles", e);
    }
    try (InputStream body = resp.body()) {
      int status = resp.statusCode();
      if (status == 404) {
        return empty();
      }
      if (status >= 400 && status < 500) {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        throw ProblemException.badRequest(
            "pairs",
            "market-data-service refused candles of "
                + pair
                + " on "
                + exchange
                + " "
                + timeframe.name()
                + ": "
                + status
                + " "
                + text);
      }
      if (status >= 300) {
        throw new MarketDataUnavailableException("market-data-service answered " + status, null);
      }
      return parse(body, from, to);
    } catch (IOException e) {
      throw new MarketDataUnavailableException(
          "bad candle answer from market-data-service: " + e.getMessage(), e);
    }
  }

  private static CandleColumns empty() {
    return new CandleColumns(
        new long[0], new double[0], new double[0], new double[0], new double[0], new double[0]);
  }

  /**
   * Streams a candle array into columns, keeping rows inside [from, to] with strictly increasing
   * times.
   */
  static CandleColumns parse(InputStream in, Instant from, Instant to) throws IOException {
    long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
    long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli();
    int cap = 1024;
    long[] t = new long[cap];
    double[] o = new double[cap];
    double[] h = new double[cap];
    double[] l = new double[cap];
    double[] c = new double[cap];
    double[] v = new double[cap];
    int n = 0;
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("expected a JSON array of candles");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        long time = Long.MIN_VALUE;
        double open = Double.NaN;
        double high = Double.NaN;
        double low = Double.NaN;
        double close = Double.NaN;
        double volume = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken tok = p.nextToken();
          switch (f) {
            case "open_time", "time", "date" ->
                time =
                    tok == JsonToken.VALUE_STRING
                        ? Instant.parse(p.getText()).toEpochMilli()
                        : p.getLongValue();
            case "open" -> open = p.getValueAsDouble();
            case "high" -> high = p.getValueAsDouble();
            case "low" -> low = p.getValueAsDouble();
            case "close" -> close = p.getValueAsDouble();
            case "volume" -> volume = p.getValueAsDouble();
            default -> p.skipChildren();
          }
        }
        if (time == Long.MIN_VALUE
            || Double.isNaN(open)
            || Double.isNaN(high)
            || Double.isNaN(low)
            || Double.isNaN(close)) {
          throw new IOException("candle without open_time/open/high/low/close at index " + n);
        }
        if (time < lo || time > hi || (n > 0 && time <= t[n - 1])) {
          continue;
        }
        if (n == cap) {
          cap *= 2;
          t = Arrays.copyOf(t, cap);
          o = Arrays.copyOf(o, cap);
          h = Arrays.copyOf(h, cap);
          l = Arrays.copyOf(l, cap);
          c = Arrays.copyOf(c, cap);
          v = Arrays.copyOf(v, cap);
        }
        t[n] = time;
        o[n] = open;
        h[n] = high;
        l[n] = low;
        c[n] = close;
        v[n] = volume;
        n++;
      }
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new CandleColumns(
        Arrays.copyOf(t, n),
        Arrays.copyOf(o, n),
        Arrays.copyOf(h, n),
        Arrays.copyOf(l, n),
        Arrays.copyOf(c, n),
        Arrays.copyOf(v, n));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
