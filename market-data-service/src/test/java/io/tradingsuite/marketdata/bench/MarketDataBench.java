package io.tradingsuite.marketdata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.importing.OhlcvParser;
import io.tradingsuite.marketdata.importing.OhlcvWriter;
import io.tradingsuite.marketdata.sample.SampleGenerator;
import io.tradingsuite.support.kafka.ContractSerializer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Market-data benchmark (run by bench/market-data/run.sh; not a test): parse, store into
 * PostgreSQL, publish to the real broker, each against a simple baseline measured in the same run.
 * Arguments: [candles (1000000)] [postgres jdbc url] [kafka bootstrap].
 */
public final class MarketDataBench {
  private MarketDataBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String pgUrl = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/market_data_bench";
    String kafka = args.length > 2 ? args[2] : "127.0.0.1:9092";
    System.out.printf(
        "market-data bench: %,d candles, %d cores, java %s%n",
        n, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

    List<Ohlcv> candles =
        SampleGenerator.generate(
            42,
            new SampleGenerator.Profile(42_000, 2, 12, 5),
            Timeframe.parse("1m"),
            1_514_764_800_000L,
            n);
    byte[] json = OhlcvWriter.write(candles, "json");
    System.out.printf("input: Freqtrade JSON, %.1f MB%n", json.length / 1e6);

    parse(json, n);
    store(candles, pgUrl);
    publish(candles, kafka);
  }

  private static void parse(byte[] json, int n) throws Exception {
    // wall time and this thread's CPU time: on a shared, overloaded machine the CPU time shows what
    // the parser costs, the wall time what the run got
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      long c = cpu.getCurrentThreadCpuTime();
      OhlcvParser.Parsed p = OhlcvParser.parse(json);
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
      bestCpu = Math.min(bestCpu, (cpu.getCurrentThreadCpuTime() - c) / 1e9);
      if (p.rows().size() != n) {
        throw new IllegalStateException("parsed " + p.rows().size());
      }
    }
    // baseline: a Jackson tree, then BigDecimal per cell (what a first version would do)
    ObjectMapper mapper = new ObjectMapper();
    double baseline = Double.MAX_VALUE;
    double baselineCpu = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      long c = cpu.getCurrentThreadCpuTime();
      JsonNode root = mapper.readTree(json);
      List<Ohlcv> out = new ArrayList<>(root.size());
      for (JsonNode r : root) {
        out.add(
            new Ohlcv(
                r.get(0).asLong(),
                new BigDecimal(r.get(1).asText()),
                new BigDecimal(r.get(2).asText()),
                new BigDecimal(r.get(3).asText()),
                new BigDecimal(r.get(4).asText()),
                new BigDecimal(r.get(5).asText())));
      }
      baseline = Math.min(baseline, (System.nanoTime() - t) / 1e9);
      baselineCpu = Math.min(baselineCpu, (cpu.getCurrentThreadCpuTime() - c) / 1e9);
      if (out.size() != n) {
        throw new IllegalStateException("baseline parsed " + out.size());
      }
    }
    System.out.printf(
        "parse   : OhlcvParser %,.0f candles/s wall (%.3f s best of 5), %,.0f candles per CPU-second"
            + " | baseline Jackson tree %,.0f candles/s wall (%.3f s), %,.0f per CPU-second%n",
        n / best, best, n / bestCpu, n / baseline, baseline, n / baselineCpu);
  }

  private static void store(List<Ohlcv> candles, String pgUrl) throws Exception {
    String db = pgUrl.substring(pgUrl.lastIndexOf('/') + 1);
    String admin = pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "");
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + db);
      }
    } catch (Exception e) {
      System.out.println(
          "store   : skipped, PostgreSQL not reachable at " + admin + ": " + e.getMessage());
      return;
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(pgUrl + (pgUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
    ds.setUser("postgres");
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .cleanDisabled(false)
        .placeholders(
            Map.of("id_pk", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "json", "JSONB"))
        .load()
        .migrate();
    CandleStore store = new CandleStore(ds);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE candle");
    }
    MarketKey key = new MarketKey("bench", "BTC/USDT", "1m");
    long t = System.nanoTime();
    store.upsert(key, candles);
    double batch = (System.nanoTime() - t) / 1e9;
    // again: every row now conflicts, the upsert path
    t = System.nanoTime();
    store.upsert(key, candles);
    double upsert = (System.nanoTime() - t) / 1e9;
    int baselineRows = Math.min(candles.size(), 20_000);
    MarketKey key2 = new MarketKey("bench", "ETH/USDT", "1m");
    t = System.nanoTime();
    store.upsertRowByRow(key2, candles.subList(0, baselineRows));
    double rowByRow = (System.nanoTime() - t) / 1e9;
    System.out.printf(
        "store   : PostgreSQL JDBC batch insert %,.0f candles/s (%.2f s) | batch upsert of existing rows %,.0f candles/s"
            + " | baseline one insert per row %,.0f candles/s (%,d rows, %.2f s)%n",
        candles.size() / batch,
        batch,
        candles.size() / upsert,
        baselineRows / rowByRow,
        baselineRows,
        rowByRow);
  }

  private static void publish(List<Ohlcv> candles, String bootstrap) throws Exception {
    // its own topic: 1M bench candles on market.candles.v1 would flood every consumer of the suite
    String topic = "bench.market.candles.v1";
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    String key = Topics.key("bench", "BTC/USDT");
    int n = Math.min(candles.size(), 500_000);
    String run = UUID.randomUUID().toString().substring(0, 8);
    try (KafkaProducer<String, Object> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ContractSerializer())) {
      // warm-up, and the baseline: wait for each acknowledgement before sending the next
      int syncN = 2_000;
      long t = System.nanoTime();
      for (int i = 0; i < syncN; i++) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, key, candles.get(i).toCandle("bench" + run, "BTC/USDT", "1m")))
            .get();
      }
      double sync = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      List<Future<?>> acks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Candle c = candles.get(i).toCandle("bench" + run, "BTC/USDT", "1m");
        acks.add(producer.send(new ProducerRecord<>(topic, key, c)));
      }
      producer.flush();
      for (Future<?> f : acks) {
        f.get();
      }
      double async = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          "publish : pipelined, acks=all, idempotent %,.0f candles/s (%,d in %.2f s) | baseline wait-per-candle %,.0f candles/s (%,d)%n",
          n / async, n, async, syncN / sync, syncN);
    } catch (Exception e) {
      System.out.println(
          "publish : skipped, broker not reachable at " + bootstrap + ": " + e.getMessage());
    }
  }
}
