package io.tradingsuite.marketdata.importing;

import io.tradingsuite.marketdata.candles.Ohlcv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes candles back in the formats the parser reads: Freqtrade JSON, gzip JSON, CSV. */
public final class OhlcvWriter {
  private OhlcvWriter() {}

  public static byte[] write(List<Ohlcv> candles, String format) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(candles.size() * 80 + 16);
      OutputStream out = format.equals("jsongz") ? new GZIPOutputStream(bytes, 65536) : bytes;
      StringBuilder sb = new StringBuilder(candles.size() * 80 + 16);
      if (format.equals("csv")) {
        sb.append("date,open,high,low,close,volume\n");
        for (Ohlcv c : candles) {
          sb.append(c.openTime())
              .append(',')
              .append(c.open().toPlainString())
              .append(',')
              .append(c.high().toPlainString())
              .append(',')
              .append(c.low().toPlainString())
              .append(',')
              .append(c.close().toPlainString())
              .append(',')
              .append(c.volume().toPlainString())
              .append('\n');
        }
      } else {
        sb.append('[');
        for (int i = 0; i < candles.size(); i++) {
          Ohlcv c = candles.get(i);
          if (i > 0) {
            sb.append(", ");
          }
          sb.append('[')
              .append(c.openTime())
              .append(", ")
              .append(c.open().toPlainString())
              .append(", ")
              .append(c.high().toPlainString())
              .append(", ")
              .append(c.low().toPlainString())
              .append(", ")
              .append(c.close().toPlainString())
              .append(", ")
              .append(c.volume().toPlainString())
              .append(']');
        }
        sb.append(']');
      }
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.close();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
