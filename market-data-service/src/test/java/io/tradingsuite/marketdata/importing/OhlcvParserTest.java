package io.tradingsuite.marketdata.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.marketdata.candles.Ohlcv;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class OhlcvParserTest {

  private static OhlcvParser.Parsed parse(String s) {
    return OhlcvParser.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsFreqtradeJsonWithExponentsExactly() {
    var p =
        parse(
            "[[1515560100000, 5.33e-05, 5.33e-05, 5.288e-05, 5.29e-05, 431401.97869504], [1515560400000, 1E+2, 100, 99.5, 1.0e2, 0]]");
    assertThat(p.errors()).isEmpty();
    Ohlcv first = p.rows().get(0);
    assertThat(first.openTime()).isEqualTo(1515560100000L);
    assertThat(first.open()).isEqualByComparingTo("0.0000533");
    assertThat(first.low().toPlainString()).isEqualTo("0.00005288");
    assertThat(first.volume().toPlainString()).isEqualTo("431401.97869504");
    assertThat(p.rows().get(1).open()).isEqualByComparingTo("100");
  }

  @Test
  void longMantissaTakesTheExactSlowPath() {
    var p = parse("[[0, 0.1234567890123456789012, 1, 0, 0.5, 1]]");
    assertThat(p.rows().get(0).open().toPlainString()).isEqualTo("0.1234567890123456789012");
  }

  @Test
  void timesInEveryFormTheFileMayHave() {
    var p =
        parse(
            "[[1704067200000,1,1,1,1,1],[1.7040672006e12,1,1,1,1,1],[1704067260000.0,1,1,1,1,1],"
                + "[1234567890123456789,1,1,1,1,1],[-60000,1,1,1,1,1],[1704067200000.5,1,1,1,1,1],"
                + "[ 1704067320000 ,1,1,1,1,1]]");
    assertThat(p.rows().subList(0, 5))
        .extracting(Ohlcv::openTime)
        .containsExactly(
            1_704_067_200_000L,
            1_704_067_200_600L,
            1_704_067_260_000L,
            1_234_567_890_123_456_789L,
            -60_000L);
    assertThat(p.errors()).extracting(e -> e.row()).containsExactly(6);
    assertThat(p.errors().get(0).reason()).contains("not a whole number of milliseconds");
    assertThat(p.rows().get(6).openTime()).isEqualTo(1_704_067_320_000L);
  }

  /**
   * Every value as the JDK parses its text (scale included), whether it repeats a recent value, is
   * new, collides with another in the parser's small table of recent values, or has an exponent.
   */
  @Test
  void repeatedAndNewValuesAreExactlyWhatTheTextSays() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    List<String> pool = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long unscaled = rnd.nextLong(0, 10_000_000_000L);
      int scale = rnd.nextInt(-3, 12);
      pool.add(
          switch (rnd.nextInt(4)) {
            case 0 -> unscaled + "e" + Math.negateExact(scale);
            case 1 -> BigDecimal.valueOf(unscaled, Math.max(0, scale)).toPlainString();
            case 2 -> BigDecimal.valueOf(unscaled, Math.max(0, scale)).toPlainString() + "0";
            default -> String.valueOf(unscaled % 1000);
          });
    }
    StringBuilder json = new StringBuilder("[");
    List<String> texts = new java.util.ArrayList<>();
    for (int row = 0; row < 3000; row++) {
      json.append(row == 0 ? "[" : ",[").append(row * 60_000L);
      for (int c = 0; c < 5; c++) {
        // often one of the last few values, as prices repeat; else anything from the pool
        String v =
            rnd.nextInt(3) == 0 && texts.size() > 8
                ? texts.get(texts.size() - 1 - rnd.nextInt(8))
                : pool.get(rnd.nextInt(pool.size()));
        texts.add(v);
        json.append(',').append(v);
      }
      json.append(']');
    }
    List<Ohlcv> rows = parse(json.append(']').toString()).rows();
    for (int row = 0; row < 3000; row++) {
      Ohlcv o = rows.get(row);
      List<BigDecimal> got = List.of(o.open(), o.high(), o.low(), o.close(), o.volume());
      for (int c = 0; c < 5; c++) {
        String text = texts.get(row * 5 + c);
        assertThat(got.get(c)).as(text).isEqualTo(OhlcvParser.normal(new BigDecimal(text)));
      }
    }
  }

  @Test
  void nanNullAndWrongArityAreRowErrorsNotFileErrors() {
    var p =
        parse(
            "[[0,1,1,1,1,1],[300000, NaN, 1, 1, 1, 1],[600000, 1, null, 1, 1, 1],[900000,1,1,1,1],[1200000,\"x\",1,1,1,1]]");
    assertThat(p.rows()).hasSize(5);
    assertThat(p.rows().get(0)).isNotNull();
    assertThat(p.errors()).extracting(e -> e.row()).containsExactly(2, 3, 4, 5);
    assertThat(p.errors().get(0).reason()).isEqualTo("open is NaN");
    assertThat(p.errors().get(1).reason()).isEqualTo("high is null");
    assertThat(p.errors().get(2).reason()).contains("expected 6 values");
  }

  @Test
  void brokenStructureFailsTheWholeFileNamingTheRow() {
    assertThatThrownBy(() -> parse("[[0,1,1,1,1,1], {\"a\":1}]"))
        .isInstanceOf(OhlcvParser.ParseException.class)
        .hasMessageContaining("row 2");
    assertThatThrownBy(() -> parse("[[0,1,1,1,1,1]"))
        .isInstanceOf(OhlcvParser.ParseException.class);
    assertThatThrownBy(() -> parse("   ")).isInstanceOf(OhlcvParser.ParseException.class);
  }

  @Test
  void gzipAndCsvGiveTheSameRows() throws Exception {
    String json = "[[1515560100000, 5.33e-05, 5.33e-05, 5.288e-05, 5.29e-05, 431401.97869504]]";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    Ohlcv fromGz = OhlcvParser.parse(gz.toByteArray()).rows().get(0);
    Ohlcv fromCsv =
        parse(
                "date,open,high,low,close,volume\n2018-01-10 04:55:00+00:00,0.0000533,0.0000533,0.00005288,0.0000529,431401.97869504\n")
            .rows()
            .get(0);
    Ohlcv fromCsvMs =
        parse("1515560100000,5.33e-05,5.33e-05,5.288e-05,5.29e-05,431401.97869504").rows().get(0);
    Ohlcv fromJson = parse(json).rows().get(0);
    assertThat(fromGz.sameValues(fromJson)).isTrue();
    assertThat(fromCsv.sameValues(fromJson)).isTrue();
    assertThat(fromCsvMs.sameValues(fromJson)).isTrue();
  }

  @Test
  void writerRoundTripsEveryFormat() {
    List<Ohlcv> rows =
        parse(
                "[[0, 5.33e-05, 5.4e-05, 5.2e-05, 5.29e-05, 431401.97869504],[300000, 1, 2, 0.5, 1.5, 7]]")
            .rows();
    for (String format : List.of("json", "jsongz", "csv")) {
      List<Ohlcv> back = OhlcvParser.parse(OhlcvWriter.write(rows, format)).rows();
      assertThat(back).hasSize(2);
      for (int i = 0; i < 2; i++) {
        assertThat(back.get(i).sameValues(rows.get(i))).as(format).isTrue();
      }
    }
    assertThat(new String(OhlcvWriter.write(rows, "json"), StandardCharsets.UTF_8))
        .startsWith("[[0, 0.0000533, 0.000054, 0.000052, 0.0000529, 431401.97869504]");
    assertThat(rows.get(1).high()).isEqualTo(new BigDecimal("2"));
  }

  @Test
  void freqtradeFileNamesGivePairAndTimeframe() {
    assertThat(FreqtradeFileName.parse("data/binance/BTC_USDT-5m.json"))
        .contains(new FreqtradeFileName("BTC/USDT", "5m", "json"));
    assertThat(FreqtradeFileName.parse("ETH_BTC-1h.json.gz"))
        .contains(new FreqtradeFileName("ETH/BTC", "1h", "jsongz"));
    assertThat(FreqtradeFileName.parse("BTC_USDT_USDT-1h-futures.json"))
        .contains(new FreqtradeFileName("BTC/USDT", "1h", "json"));
    assertThat(FreqtradeFileName.parse("ADA_BTC-1Mo.csv"))
        .contains(new FreqtradeFileName("ADA/BTC", "1M", "csv"));
    assertThat(FreqtradeFileName.parse("notes.txt")).isEmpty();
    assertThat(FreqtradeFileName.of("BTC/USDT", "5m", "jsongz")).isEqualTo("BTC_USDT-5m.json.gz");
  }
}
