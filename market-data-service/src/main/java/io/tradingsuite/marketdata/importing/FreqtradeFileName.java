package io.tradingsuite.marketdata.importing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freqtrade's data file names {@code <PAIR>-<timeframe>[-<candletype>].<ext>}: {@code
 * BTC_USDT-5m.json} is BTC/USDT 5m; futures {@code BTC_USDT_USDT-1h-futures.json.gz} is BTC/USDT
 * 1h; month {@code 1Mo} is {@code 1M}.
 */
public record FreqtradeFileName(String pair, String timeframe, String format) {
  private static final Pattern NAME =
      Pattern.compile(
          "^([A-Za-z0-9]+)_([A-Za-z0-9]+)(?:_[A-Za-z0-9]+)?-(\\d+(?:Mo|[smhdwM]))(?:-[A-Za-z_]+)?\\.(json|json\\.gz|csv|csv\\.gz)$");

  public static Optional<FreqtradeFileName> parse(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    String base = fileName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    Matcher m = NAME.matcher(base);
    if (!m.matches()) {
      return Optional.empty();
    }
    String tf =
        m.group(3).endsWith("Mo") ? m.group(3).substring(0, m.group(3).length() - 1) : m.group(3);
    String format =
        m.group(4).equals("json.gz") ? "jsongz" : m.group(4).startsWith("csv") ? "csv" : "json";
    return Optional.of(
        new FreqtradeFileName(
            m.group(1).toUpperCase(Locale.ROOT) + "/" + m.group(2).toUpperCase(Locale.ROOT),
            tf,
            format));
  }

  /** The file name Freqtrade would use for a pair and timeframe in this format. */
  public static String of(String pair, String timeframe, String format) {
    String p = pair.replaceAll("[/ .@$+:]", "_");
    String tf = timeframe.equals("1M") ? "1Mo" : timeframe;
    String ext =
        switch (format) {
          case "jsongz" -> "json.gz";
          case "csv" -> "csv";
          default -> "json";
        };
    return p + "-" + tf + "." + ext;
  }
}
