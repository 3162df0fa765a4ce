package io.tradingsuite.marketdata.importing;

import io.tradingsuite.marketdata.candles.BadRow;
import io.tradingsuite.marketdata.candles.CandleChecks;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.util.List;

/**
 * Parse, check, store: all or nothing. A file with any bad row stores nothing and names the first
 * bad row, unless the caller asked to skip bad rows; then the good rows are stored and the skipped
 * ones listed.
 */
public class CandleImporter {
  private final CandleStore store;

  public CandleImporter(CandleStore store) {
    this.store = store;
  }

  public record Result(
      MarketKey key,
      int imported,
      int duplicatesDropped,
      List<BadRow> skipped,
      Long first,
      Long last) {}

  /** Thrown when a bad row refuses the whole file. */
  public static class Refused extends RuntimeException {
    private final BadRow row;

    public Refused(BadRow row, int badRows) {
      super(
          "row "
              + row.row()
              + ": "
              + row.reason()
              + (badRows > 1 ? " (and " + (badRows - 1) + " more bad rows)" : ""));
      this.row = row;
    }

    public BadRow row() {
      return row;
    }
  }

  public Result importBytes(MarketKey key, byte[] body, boolean skipBadRows) {
    OhlcvParser.Parsed parsed = OhlcvParser.parse(body);
    CandleChecks.Result checked = CandleChecks.check(parsed.rows(), parsed.errors(), key.tf());
    if (!checked.bad().isEmpty() && !skipBadRows) {
      throw new Refused(checked.bad().get(0), checked.bad().size());
    }
    List<Ohlcv> good = checked.good();
    store.upsert(key, good);
    return new Result(
        key,
        good.size(),
        checked.duplicatesDropped(),
        checked.bad(),
        good.isEmpty() ? null : good.get(0).openTime(),
        good.isEmpty() ? null : good.get(good.size() - 1).openTime());
  }
}
