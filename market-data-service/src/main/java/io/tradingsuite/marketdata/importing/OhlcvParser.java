package io.tradingsuite.marketdata.importing;

import io.tradingsuite.marketdata.candles.BadRow;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads Freqtrade OHLCV files: JSON {@code [[ms, open, high, low, close, volume], ...]} (pandas
 * {@code orient="values"}, numbers like {@code 5.33e-05}), the same gzip-compressed, and CSV
 * ({@code date,open,high,low,close,volume}, with or without header; date as epoch ms or ISO-8601).
 *
 * <p>A hand-written byte scanner, not a JSON tree: a million candles parse in well under a second,
 * each number going straight into a {@link BigDecimal} without a detour through {@code double}. A
 * row with a NaN, null, a non-number or the wrong number of columns is reported as a bad row (so a
 * caller may skip it); a file that is not an array of arrays fails as a whole.
 */
public final class OhlcvParser {
  private OhlcvParser() {}

  /** Rows in file order ({@code null} where a row was refused) and the refused rows. */
  public record Parsed(List<Ohlcv> rows, List<BadRow> errors) {}

  /** The file as a whole cannot be read. */
  public static class ParseException extends RuntimeException {
    private final int row;

    public ParseException(int row, String message) {
      super(message);
      this.row = row;
    }

    /** 1-based row number where reading stopped, 0 when before any row. */
    public int row() {
      return row;
    }
  }

  /** Detects gzip (magic bytes) and JSON vs CSV (first non-blank character). */
  public static Parsed parse(byte[] data) {
    if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      data = gunzip(data);
    }
    int i = 0;
    while (i < data.length && isWs(data[i])) {
      i++;
    }
    if (i == data.length) {
      throw new ParseException(
          0, "empty body: expected Freqtrade OHLCV JSON [[ms,o,h,l,c,v],...] or CSV");
    }
    if (data[i] == '{') {
      throw new ParseException(
          0, "a JSON object is not candles: expected an array of rows [[ms,o,h,l,c,v],...]");
    }
    return data[i] == '['
        ? new Json(data, i).parse()
        : Csv.parse(new String(data, StandardCharsets.UTF_8));
  }

  static byte[] gunzip(byte[] data) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data), 65536)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 6);
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new ParseException(0, "not a readable gzip file: " + e.getMessage());
    }
  }

  private static boolean isWs(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  static final String[] COLUMNS = {"time", "open", "high", "low", "close", "volume"};

  /** In place of the time column's value: the time was read straight into a long. */
  private static final Object DIRECT_TIME = new Object();

  /** Builds a row from six column values or returns why it cannot. */
  static Object row(Object[] v, int n) {
    return row(v, n, 0);
  }

  /**
   * Builds a row from six column values or returns why it cannot; {@code directTime} is the time
   * when {@code v[0]} is {@link #DIRECT_TIME}.
   */
  private static Object row(Object[] v, int n, long directTime) {
    if (n != 6) {
      return "expected 6 values [time, open, high, low, close, volume], got " + n;
    }
    for (int c = 0; c < 6; c++) {
      if (v[c] instanceof String s) {
        return COLUMNS[c] + " is " + s;
      }
    }
    long time;
    if (v[0] == DIRECT_TIME) {
      time = directTime;
    } else {
      BigDecimal t = (BigDecimal) v[0];
      try {
        time = t.longValueExact();
      } catch (ArithmeticException e) {
        return "time " + t + " is not a whole number of milliseconds";
      }
    }
    return new Ohlcv(
        time,
        (BigDecimal) v[1],
        (BigDecimal) v[2],
        (BigDecimal) v[3],
        (BigDecimal) v[4],
        (BigDecimal) v[5]);
  }

  /** JSON array of arrays, scanned byte by byte. */
  private static final class Json {
    private final byte[] b;
    private int p;
    private final List<Ohlcv> rows;
    private final List<BadRow> errors = new ArrayList<>();
    private long time;
    private static final int RECENT = 64;
    private final BigDecimal[] recent = new BigDecimal[RECENT];
    private final long[] recentUnscaled = new long[RECENT];
    private final int[] recentScale = new int[RECENT];

    Json(byte[] b, int start) {
      this.b = b;
      this.p = start;
      // a Freqtrade row takes 40 to 70 bytes: sized once instead of growing 20 times
      this.rows = new ArrayList<>(Math.max(16, b.length / 48));
    }

    Parsed parse() {
      p++; // '['
      ws();
      if (p < b.length && b[p] == ']') {
        p++;
        return end();
      }
      Object[] values = new Object[6];
      while (true) {
        int rowNo = rows.size() + 1;
        ws();
        if (p >= b.length || b[p] != '[') {
          throw new ParseException(
              rowNo,
              "row "
                  + rowNo
                  + ": expected '[' at byte "
                  + p
                  + " (the body must be an array of arrays)");
        }
        p++;
        int n = 0;
        ws();
        if (p < b.length && b[p] == ']') {
          p++;
        } else {
          while (true) {
            ws();
            Object value = n == 0 && plainTime() ? DIRECT_TIME : value(rowNo);
            if (n < 6) {
              values[n] = value;
            }
            n++;
            ws();
            if (p >= b.length) {
              throw new ParseException(rowNo, "row " + rowNo + ": unexpected end of data");
            }
            if (b[p] == ',') {
              p++;
            } else if (b[p] == ']') {
              p++;
              break;
            } else {
              throw new ParseException(
                  rowNo, "row " + rowNo + ": unexpected '" + (char) b[p] + "' at byte " + p);
            }
          }
        }
        Object r = row(values, n, time);
        if (r instanceof Ohlcv o) {
          rows.add(o);
        } else {
          rows.add(null);
          errors.add(new BadRow(rowNo, (String) r));
        }
        ws();
        if (p >= b.length) {
          throw new ParseException(
              rowNo, "unexpected end of data after row " + rowNo + " (missing ']')");
        }
        if (b[p] == ',') {
          p++;
        } else if (b[p] == ']') {
          p++;
          return end();
        } else {
          throw new ParseException(
              rowNo, "after row " + rowNo + ": unexpected '" + (char) b[p] + "' at byte " + p);
        }
      }
    }

    private Parsed end() {
      ws();
      if (p != b.length) {
        throw new ParseException(rows.size(), "unexpected data after the closing ']' at byte " + p);
      }
      return new Parsed(rows, errors);
    }

    private void ws() {
      while (p < b.length && isWs(b[p])) {
        p++;
      }
    }

    /**
     * The time column as Freqtrade writes it, a plain integer of milliseconds, read into {@link
     * #time} without a BigDecimal; false (nothing consumed) for anything else, which {@link #value}
     * then reads.
     */
    private boolean plainTime() {
      int start = p;
      long v = 0;
      int digits = 0;
      while (p < b.length && b[p] >= '0' && b[p] <= '9' && digits < 18) {
        v = v * 10 + (b[p] - '0');
        p++;
        digits++;
      }
      if (digits > 0 && p < b.length && (b[p] == ',' || b[p] == ']' || isWs(b[p]))) {
        time = v;
        return true;
      }
      p = start;
      return false;
    }

    /** A BigDecimal, or a String naming what the value is instead (NaN, null, ...). */
    private Object value(int rowNo) {
      if (p >= b.length) {
        throw new ParseException(rowNo, "row " + rowNo + ": unexpected end of data");
      }
      byte c = b[p];
      if (c == '-' || (c >= '0' && c <= '9')) {
        if (c == '-' && p + 1 < b.length && b[p + 1] == 'I') {
          p++;
          return word(rowNo);
        }
        return number(rowNo);
      }
      if (c == '"') {
        int start = ++p;
        while (p < b.length && b[p] != '"') {
          p++;
        }
        if (p >= b.length) {
          throw new ParseException(rowNo, "row " + rowNo + ": unterminated string");
        }
        String s = new String(b, start, p - start, StandardCharsets.UTF_8);
        p++;
        try {
          return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
          return "not a number (\"" + s + "\")";
        }
      }
      return word(rowNo);
    }

    private Object word(int rowNo) {
      int start = p;
      while (p < b.length && Character.isLetter(b[p])) {
        p++;
      }
      String w = new String(b, start, p - start, StandardCharsets.US_ASCII);
      return switch (w) {
        case "NaN", "null", "Infinity" -> w;
        case "true", "false" -> "not a number (" + w + ")";
        default ->
            throw new ParseException(
                rowNo,
                "row "
                    + rowNo
                    + ": unexpected '"
                    + (p < b.length && w.isEmpty() ? String.valueOf((char) b[p]) : w)
                    + "'");
      };
    }

    private BigDecimal number(int rowNo) {
      // a local cursor and one digit count: the loops stay in registers; up to 18 digits fit a long
      final byte[] b = this.b;
      final int end = b.length;
      final int start = p;
      int i = start;
      boolean neg = b[i] == '-';
      if (neg) {
        i++;
      }
      long unscaled = 0;
      int digits = 0;
      int scale = 0;
      int d;
      while (i < end && (d = b[i] - '0') >= 0 && d <= 9) {
        unscaled = unscaled * 10 + d;
        digits++;
        i++;
      }
      if (i < end && b[i] == '.') {
        i++;
        while (i < end && (d = b[i] - '0') >= 0 && d <= 9) {
          unscaled = unscaled * 10 + d;
          digits++;
          scale++;
          i++;
        }
      }
      int exp = 0;
      if (i < end && (b[i] == 'e' || b[i] == 'E')) {
        i++;
        boolean eneg = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
          eneg = b[i] == '-';
          i++;
        }
        int expDigits = 0;
        while (i < end && (d = b[i] - '0') >= 0 && d <= 9) {
          exp = exp * 10 + d;
          expDigits++;
          i++;
        }
        if (expDigits == 0 || expDigits > 4) {
          p = i;
          throw new ParseException(
              rowNo,
              "row "
                  + rowNo
                  + ": bad number "
                  + new String(b, start, i - start, StandardCharsets.US_ASCII));
        }
        if (eneg) {
          exp = -exp;
        }
      }
      p = i;
      if (digits == 0) {
        throw new ParseException(rowNo, "row " + rowNo + ": bad number at byte " + start);
      }
      if (digits > 18) { // might overflow a long: the slow exact path
        return normal(new BigDecimal(new String(b, start, i - start, StandardCharsets.US_ASCII)));
      }
      return decimal(neg ? -unscaled : unscaled, scale - exp);
    }

    /**
     * The decimal {@code unscaled × 10^-scale}, the same instance as a recent equal one (same
     * digits, same scale): candle prices repeat (an open is often the previous close, a high the
     * open), and a BigDecimal is immutable. Fewer objects to allocate and for the garbage collector
     * to copy while the whole file is held.
     */
    private BigDecimal decimal(long unscaled, int scale) {
      int h = (int) (unscaled ^ (unscaled >>> 32) ^ (scale * 0x9E3779B97F4A7C15L)) & (RECENT - 1);
      BigDecimal v = recent[h];
      if (v != null && recentUnscaled[h] == unscaled && recentScale[h] == scale) {
        return v;
      }
      v = normal(BigDecimal.valueOf(unscaled, scale));
      recent[h] = v;
      recentUnscaled[h] = unscaled;
      recentScale[h] = scale;
      return v;
    }
  }

  static BigDecimal normal(BigDecimal v) {
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  /** CSV with an optional header naming the columns. */
  private static final class Csv {
    static Parsed parse(String text) {
      List<Ohlcv> rows = new ArrayList<>();
      List<BadRow> errors = new ArrayList<>();
      String[] lines = text.split("\r?\n", -1); // blank lines, trailing ones too, are skipped
      int[] order = {0, 1, 2, 3, 4, 5};
      int first = 0;
      while (first < lines.length && lines[first].isBlank()) {
        first++;
      }
      if (first < lines.length && Character.isLetter(lines[first].trim().charAt(0))) {
        order = header(lines[first]);
        first++;
      }
      Object[] values = new Object[6];
      for (int i = first; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        int rowNo = rows.size() + 1;
        String[] cells = lines[i].split(",", -1);
        Object r;
        if (cells.length != 6) {
          r = "expected 6 values [time, open, high, low, close, volume], got " + cells.length;
        } else {
          for (int c = 0; c < 6; c++) {
            String cell = cells[order[c]].trim();
            if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
              cell = cell.substring(1, cell.length() - 1);
            }
            values[c] = c == 0 ? time(cell) : decimal(cell);
          }
          r = row(values, 6);
        }
        if (r instanceof Ohlcv o) {
          rows.add(o);
        } else {
          rows.add(null);
          errors.add(new BadRow(rowNo, (String) r));
        }
      }
      return new Parsed(rows, errors);
    }

    private static int[] header(String line) {
      String[] names = line.toLowerCase(Locale.ROOT).split(",", -1);
      int[] order = new int[6];
      java.util.Arrays.fill(order, -1);
      for (int i = 0; i < names.length; i++) {
        String n = names[i].trim().replace("\"", "");
        int c =
            switch (n) {
              case "date", "time", "timestamp", "open_time", "datetime" -> 0;
              case "open" -> 1;
              case "high" -> 2;
              case "low" -> 3;
              case "close" -> 4;
              case "volume" -> 5;
              default -> -1;
            };
        if (c >= 0) {
          order[c] = i;
        }
      }
      for (int c = 0; c < 6; c++) {
        if (order[c] < 0) {
          throw new ParseException(
              0, "CSV header lacks column " + (c == 0 ? "date" : COLUMNS[c]) + ": " + line);
        }
      }
      return order;
    }

    private static Object decimal(String s) {
      if (s.isEmpty()) {
        return "empty";
      }
      if (s.equalsIgnoreCase("nan")
          || s.equalsIgnoreCase("null")
          || s.toLowerCase(Locale.ROOT).contains("inf")) {
        return s;
      }
      try {
        return normal(new BigDecimal(s));
      } catch (NumberFormatException e) {
        return "not a number (\"" + s + "\")";
      }
    }

    private static Object time(String s) {
      if (!s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        return new BigDecimal(s);
      }
      try {
        String iso = s.replace(' ', 'T');
        Instant t;
        if (iso.endsWith("Z")) {
          t = Instant.parse(iso);
        } else if (iso.length() > 19
            && (iso.charAt(iso.length() - 6) == '+' || iso.charAt(iso.length() - 6) == '-')) {
          t = OffsetDateTime.parse(iso).toInstant();
        } else {
          t = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
        return BigDecimal.valueOf(t.toEpochMilli());
      } catch (RuntimeException e) {
        return decimal(s) instanceof BigDecimal d ? d : "not a time (\"" + s + "\")";
      }
    }
  }
}
