package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.strategy.engine.TradeResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code trades} array of an epoch's {@code results_metrics}, written byte by byte exactly as
 * {@link FthyptFile#JSON} writes {@code trades.stream().map(ResultsJson::trade).toList()}: no
 * whitespace, numbers as {@link BigDecimal#toString()}, {@link Double#toString(double)} and {@link
 * Long#toString(long)}, Jackson's string escapes. It is most of an epoch's line and is written for
 * every epoch, so it skips the generator's per-token work. Strings outside printable ASCII, and
 * non-finite ratios, are left to Jackson ({@link #render} returns {@code null}).
 */
final class TradesJson {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;

  private TradesJson(int capacity) {
    buf = new byte[capacity];
  }

  /** The JSON array as (ASCII) bytes, or {@code null} when a value needs the general writer. */
  static byte[] render(List<TradeResult> trades) {
    TradesJson w = new TradesJson(Math.max(256, trades.size() * 600));
    String feeText = null;
    double fee = Double.NaN;
    w.raw('[');
    for (int i = 0; i < trades.size(); i++) {
      TradeResult t = trades.get(i);
      if (!Double.isFinite(t.profitRatio())
          || !Double.isFinite(t.feeOpen())
          || !Double.isFinite(t.feeClose())) {
        return null;
      }
      if (i > 0) {
        w.raw(',');
      }
      if (!w.field("{\"pair\":", t.pair())) {
        return null;
      }
      w.number(",\"stake_amount\":", t.stakeAmount());
      w.number(",\"amount\":", t.amount());
      w.ascii(",\"open_date\":\"");
      w.ascii(ResultsJson.iso(t.openDate()));
      w.ascii("\",\"close_date\":\"");
      w.ascii(ResultsJson.iso(t.closeDate()));
      w.raw('"');
      w.number(",\"open_rate\":", t.openRate());
      w.number(",\"close_rate\":", t.closeRate());
      if (Double.doubleToRawLongBits(t.feeOpen()) != Double.doubleToRawLongBits(fee)) {
        fee = t.feeOpen();
        feeText = Double.toString(fee);
      }
      w.ascii(",\"fee_open\":");
      w.ascii(feeText);
      w.ascii(",\"fee_close\":");
      boolean sameFee = Double.doubleToRawLongBits(t.feeClose()) == Double.doubleToRawLongBits(fee);
      w.ascii(sameFee ? feeText : Double.toString(t.feeClose()));
      w.ascii(",\"trade_duration\":");
      w.ascii(Long.toString(t.tradeDurationMinutes()));
      w.ascii(",\"profit_ratio\":");
      w.ascii(Double.toString(t.profitRatio()));
      w.number(",\"profit_abs\":", t.profitAbs());
      if (!w.field(",\"exit_reason\":", t.exitReason())) {
        return null;
      }
      w.number(",\"initial_stop_loss_abs\":", t.initialStopLossAbs());
      w.number(",\"stop_loss_abs\":", t.stopLossAbs());
      w.number(",\"min_rate\":", t.minRate());
      w.number(",\"max_rate\":", t.maxRate());
      if (!w.field(",\"is_open\":false,\"enter_tag\":", t.enterTag())) {
        return null;
      }
      w.ascii(",\"leverage\":1.0,\"is_short\":false,\"open_timestamp\":");
      w.ascii(Long.toString(t.openDate().toEpochMilli()));
      w.ascii(",\"close_timestamp\":");
      w.ascii(Long.toString(t.closeDate().toEpochMilli()));
      w.raw('}');
    }
    w.raw(']');
    return Arrays.copyOf(w.buf, w.len);
  }

  private void number(String prefix, BigDecimal v) {
    ascii(prefix);
    ascii(v == null ? "null" : v.toString());
  }

  /** {@code prefix} then the string value; false when it holds a character outside ASCII. */
  private boolean field(String prefix, String v) {
    ascii(prefix);
    if (v == null) {
      ascii("null");
      return true;
    }
    ensure(v.length() * 6 + 2);
    buf[len++] = '"';
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      if (c >= 0x20 && c != '"' && c != '\\') {
        buf[len++] = (byte) c;
        continue;
      }
      buf[len++] = '\\';
      switch (c) {
        case '"' -> buf[len++] = '"';
        case '\\' -> buf[len++] = '\\';
        case '\b' -> buf[len++] = 'b';
        case '\t' -> buf[len++] = 't';
        case '\f' -> buf[len++] = 'f';
        case '\n' -> buf[len++] = 'n';
        case '\r' -> buf[len++] = 'r';
        default -> {
          buf[len++] = 'u';
          buf[len++] = '0';
          buf[len++] = '0';
          buf[len++] = HEX[c >> 4];
          buf[len++] = HEX[c & 0xF];
        }
      }
    }
    buf[len++] = '"';
    return true;
  }

  /** A string known to be ASCII without characters to escape (keys, numbers, dates). */
  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len + i] = (byte) s.charAt(i);
    }
    len += n;
  }

  private void raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
