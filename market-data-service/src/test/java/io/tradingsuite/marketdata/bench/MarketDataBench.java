package io.tradingsuite.marketdata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.importing.OhlcvParser;
import io.tradingsuite.marketdata.importing.OhlcvWriter;
import io.tradingsuite.marketdata.replay.ReplaySpec;
import io.tradingsuite.marketdata.replay.ReplayState;
import io.tradingsuite.marketdata.replay.ReplayStore;
import io.tradingsuite.marketdata.replay.ReplayWorker;
import io.tradingsuite.marketdata.sample.SampleGenerator;
import io.tradingsuite.support.kafka.ContractSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;

/**
 * Market-data benchmark (run by bench/market-data/run.sh; not a test): parse, store into
 * PostgreSQL, publish to the real broker, each against a simple baseline measured in the same run.
 * Every stage prints the load average, so a figure can be read with what else ran.
 *
 * <p>Arguments: [candles (1000000)] [postgres jdbc url] [kafka bootstrap] [stages: any of
 * parse,store,publish (all)].
 */
public final class MarketDataBench {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private MarketDataBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String pgUrl = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/market_data_bench";
    String kafka = args.length > 2 ? args[2] : "127.0.0.1:9092";
    String stages = args.length > 3 ? args[3] : "parse,store,publish";
    System.out.printf(
        "market-data bench: %,d candles, %d cores, java %s, load average %s%n",
        n, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load());

    List<Ohlcv> candles =
        SampleGenerator.generate(
            42,
            new SampleGenerator.Profile(42_000, 2, 12, 5),
            Timeframe.parse("1m"),
            1_514_764_800_000L,
            n);
    byte[] json = OhlcvWriter.write(candles, "json");
    System.out.printf("input: Freqtrade JSON, %.1f MB%n", json.length / 1e6);

    if (stages.contains("parse")) {
      parse(json, n);
    }
    AgroalDataSource ds = stages.matches(".*(store|publish).*") ? database(pgUrl) : null;
    if (ds != null && stages.contains("store")) {
      store(candles, ds);
    }
    if (stages.contains("publish")) {
      publish(candles, kafka, ds);
    }
  }

  /** The 1, 5 and 15 minute load averages of the machine. */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4);
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static void parse(byte[] json, int n) throws Exception {
    // wall time and this thread's CPU time: on a shared, overloaded machine the CPU time shows what
    // the parser costs, the wall time what the run got
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long t = System.nanoTime();
      long c = CPU.getCurrentThreadCpuTime();
      OhlcvParser.Parsed p = OhlcvParser.parse(json);
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
      bestCpu = Math.min(bestCpu, (CPU.getCurrentThreadCpuTime() - c) / 1e9);
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
      long c = CPU.getCurrentThreadCpuTime();
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
      baselineCpu = Math.min(baselineCpu, (CPU.getCurrentThreadCpuTime() - c) / 1e9);
      if (out.size() != n) {
        throw new IllegalStateException("baseline parsed " + out.size());
      }
    }
    System.out.printf(
        "parse   : OhlcvParser %,.0f candles/s wall (%.3f s best of 7), %,.0f candles per CPU-second"
            + " | baseline Jackson tree %,.0f candles/s wall (%.3f s), %,.0f per CPU-second"
            + " | load %s%n",
        n / best, best, n / bestCpu, n / baseline, baseline, n / baselineCpu, load());
  }

  /** The bench database, created if missing and migrated with the service's migrations. */
  private static AgroalDataSource database(String pgUrl) {
    String db = pgUrl.substring(pgUrl.lastIndexOf('/') + 1);
    String admin = pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + db);
      }
    } catch (Exception e) {
      System.out.println(
          "store   : skipped, PostgreSQL not reachable at " + admin + ": " + e.getMessage());
      return null;
    }
    // a pool, as the service has (Agroal): the replay writes its progress on every half window
    AgroalDataSource ds;
    try {
      ds =
          AgroalDataSource.from(
              new AgroalDataSourceConfigurationSupplier()
                  .connectionPoolConfiguration(
                      pool ->
                          pool.maxSize(4)
                              .connectionFactoryConfiguration(
                                  cf ->
                                      cf.jdbcUrl(
                                              pgUrl
                                                  + (pgUrl.contains("?") ? "&" : "?")
                                                  + "reWriteBatchedInserts=true")
                                          .principal(new NamePrincipal("postgres")))));
    } catch (SQLException e) {
      System.out.println("store   : skipped, no connection pool: " + e.getMessage());
      return null;
    }
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .cleanDisabled(false)
        .placeholders(
            Map.of("id_pk", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "json", "JSONB"))
        .load()
        .migrate();
    return ds;
  }

  private static void store(List<Ohlcv> candles, AgroalDataSource ds) throws Exception {
    CandleStore store = new CandleStore(ds);
    truncate(ds);
    int n = candles.size();
    // changed values for the conflicting upsert: every volume one unit more
    List<Ohlcv> changed = new ArrayList<>(n);
    for (Ohlcv o : candles) {
      changed.add(
          new Ohlcv(
              o.openTime(),
              o.open(),
              o.high(),
              o.low(),
              o.close(),
              o.volume().add(BigDecimal.ONE)));
    }
    MarketKey batchKey = new MarketKey("bench", "BTC/USDT", "1m");
    MarketKey copyKey = new MarketKey("bench", "SOL/USDT", "1m");
    MarketKey stageKey = new MarketKey("bench", "XRP/USDT", "1m");
    MarketKey rowKey = new MarketKey("bench", "ETH/USDT", "1m");
    int rows = Math.min(n, 20_000);
    // one stored candle at the end of the range: the COPY write of new candles must go through the
    // staging table and the upserting move (what a partly overlapping import does)
    store.upsertBatched(stageKey, candles.subList(n - 1, n));

    // the paths one after another in the same minute, each on a series of its own
    double perRow = time(() -> store.upsertRowByRow(rowKey, candles.subList(0, rows)));
    double batchInsert = time(() -> store.upsertBatched(batchKey, candles));
    double batchSame = time(() -> store.upsertBatched(batchKey, candles));
    double copyInsert = time(() -> store.upsertCopy(copyKey, candles));
    double stageInsert = time(() -> store.upsertCopy(stageKey, candles));
    double copySame = time(() -> store.upsertCopy(copyKey, candles));
    double copyChanged = time(() -> store.upsertCopy(copyKey, changed));
    double batchChanged = time(() -> store.upsertBatched(batchKey, changed));
    String loadAfter = load();

    // exactness: what COPY stored reads back equal (BigDecimal.equals) to what was given, as the
    // store gives decimals back: without trailing zeros
    long unequal = unequal(store.find(copyKey, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 0), changed);
    unequal += unequal(store.find(stageKey, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 0), candles);
    System.out.printf(
        "store   : baseline one insert per row %,.0f candles/s (%,d rows, %.2f s)%n"
            + "          JDBC batch: insert %,.0f candles/s (%.2f s), re-upsert same values %,.0f/s,"
            + " upsert changed values %,.0f/s%n"
            + "          COPY      : insert %,.0f candles/s (%.2f s; straight into the table),"
            + " insert through staging + ON CONFLICT %,.0f/s (%.2f s),"
            + " re-upsert same values %,.0f/s, upsert changed values %,.0f/s%n"
            + "          COPY insert vs batch %.1fx, vs one per row %.1fx; read back 2 x %,d candles,"
            + " %,d not equal | load %s%n",
        rows / perRow,
        rows,
        perRow,
        n / batchInsert,
        batchInsert,
        n / batchSame,
        n / batchChanged,
        n / copyInsert,
        copyInsert,
        n / stageInsert,
        stageInsert,
        n / copySame,
        n / copyChanged,
        batchInsert / copyInsert,
        perRow / rows * n / copyInsert,
        n,
        unequal,
        loadAfter);
  }

  private static long unequal(List<Ohlcv> back, List<Ohlcv> given) {
    long unequal = Math.abs(back.size() - given.size());
    for (int i = 0; i < Math.min(back.size(), given.size()); i++) {
      Ohlcv g = given.get(i);
      Ohlcv expected =
          new Ohlcv(
              g.openTime(),
              plain(g.open()),
              plain(g.high()),
              plain(g.low()),
              plain(g.close()),
              plain(g.volume()));
      if (!back.get(i).equals(expected)) {
        unequal++;
      }
    }
    return unequal;
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  private static void truncate(AgroalDataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE candle, replay, replay_progress");
      s.execute("VACUUM ANALYZE candle");
    }
  }

  private interface Run {
    void run() throws Exception;
  }

  private static double time(Run r) throws Exception {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }

  /**
   * The producer settings the service's channel {@code candles-out} gets: the connector defaults
   * (service-support) overridden by the channel's own keys (application.properties).
   */
  static Properties serviceProducerConfig() throws IOException {
    Properties shared = resource("META-INF/microprofile-config.properties");
    Properties own = resource("application.properties");
    Properties out = new Properties();
    String connector = "mp.messaging.connector.smallrye-kafka.";
    String channel = "mp.messaging.outgoing.candles-out.";
    for (Properties source : List.of(shared, own)) {
      for (String k : source.stringPropertyNames()) {
        String prefix =
            k.startsWith(connector) ? connector : k.startsWith(channel) ? channel : null;
        if (prefix != null && ProducerConfig.configNames().contains(k.substring(prefix.length()))) {
          out.put(k.substring(prefix.length()), source.getProperty(k));
        }
      }
    }
    return out;
  }

  private static Properties resource(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MarketDataBench.class.getClassLoader().getResourceAsStream(name)) {
      if (in != null) {
        p.load(in);
      }
    }
    return p;
  }

  private static KafkaProducer<String, Object> producer(Properties settings, String bootstrap) {
    Properties p = new Properties();
    p.putAll(settings);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    return new KafkaProducer<>(p, new StringSerializer(), new ContractSerializer());
  }

  private static void publish(List<Ohlcv> candles, String bootstrap, AgroalDataSource ds)
      throws Exception {
    // its own topic: 1M bench candles on market.candles.v1 would flood every consumer of the suite
    String topic = "bench.market.candles.v1";
    Properties settings = serviceProducerConfig();
    // -Dbench.producer.linger.ms=5 etc.: try other settings than the service's
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith("bench.producer.")) {
        settings.put(k.substring("bench.producer.".length()), System.getProperty(k));
      }
    }
    System.out.println("publish : producer settings " + new TreeMap<>(settings));
    String key = Topics.key("bench", "BTC/USDT");
    int n = Math.min(candles.size(), 500_000);
    String run = UUID.randomUUID().toString().substring(0, 8);
    try (KafkaProducer<String, Object> producer = producer(settings, bootstrap)) {
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
      // every send asynchronous, one flush at the end; acknowledgements counted in the callback
      AtomicLong acked = new AtomicLong();
      AtomicReference<Exception> failed = new AtomicReference<>();
      t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Candle c = candles.get(i).toCandle("bench" + run, "BTC/USDT", "1m");
        Future<?> unused =
            producer.send(
                new ProducerRecord<>(topic, key, c),
                (meta, e) -> {
                  if (e != null) {
                    failed.compareAndSet(null, e);
                  } else {
                    acked.incrementAndGet();
                  }
                });
      }
      producer.flush();
      double async = (System.nanoTime() - t) / 1e9;
      if (failed.get() != null || acked.get() != n) {
        throw new IllegalStateException("acknowledged " + acked.get() + " of " + n, failed.get());
      }
      System.out.printf(
          "publish : producer, async sends + one flush, %,.0f candles/s (%,d in %.2f s)"
              + " | baseline wait-per-candle %,.0f candles/s (%,d) | load %s%n",
          n / async, n, async, syncN / sync, syncN, load());
      if (ds != null) {
        int replayN = Math.min(candles.size(), 200_000);
        int configured =
            Integer.parseInt(
                resource("application.properties").getProperty("market-data.replay.batch", "100"));
        int window = Integer.getInteger("bench.replay.batch", configured);
        replay(candles.subList(0, replayN), ds, producer, topic, window, "service settings");
        if (window != 100) {
          replay(candles.subList(0, replayN), ds, producer, topic, 100, "service settings");
        }
        // the same replay on a producer with the Kafka client's defaults (linger.ms 5, batch.size
        // 16 KB): what the channel's own settings change
        Properties defaults = new Properties();
        for (String k :
            List.of(
                ProducerConfig.ACKS_CONFIG,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
          if (settings.getProperty(k) != null) {
            defaults.put(k, settings.getProperty(k));
          }
        }
        try (KafkaProducer<String, Object> plain = producer(defaults, bootstrap)) {
          replay(candles.subList(0, replayN), ds, plain, topic, window, "client defaults");
        }
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      System.out.println(
          "publish : skipped, broker not reachable at " + bootstrap + ": " + e.getMessage());
    }
  }

  /**
   * The replay path: {@link ReplayWorker} reading the stored series from PostgreSQL and recording
   * its progress there after each acknowledged half window, publishing through the given producer
   * (the service's sink is the SmallRye emitter on a producer with the channel's settings).
   */
  private static void replay(
      List<Ohlcv> candles,
      AgroalDataSource ds,
      KafkaProducer<String, Object> producer,
      String topic,
      int window,
      String label)
      throws Exception {
    CandleStore store = new CandleStore(ds);
    MarketKey key = new MarketKey("benchreplay", "BTC/USDT", "1m");
    int n = candles.size();
    if (store.count(key, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2) != n) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DELETE FROM candle WHERE exchange = '" + key.exchange() + "'");
      }
      store.upsert(key, candles);
    }
    ReplayStore replays = new ReplayStore(ds);
    ReplayWorker.Sink sink =
        c -> {
          CompletableFuture<Void> acked = new CompletableFuture<>();
          Future<?> unused =
              producer.send(
                  new ProducerRecord<>(topic, Topics.key(c.exchange(), c.pair()), c),
                  (meta, e) -> {
                    if (e != null) {
                      acked.completeExceptionally(e);
                    } else {
                      acked.complete(null);
                    }
                  });
          return acked;
        };
    ReplaySpec spec =
        new ReplaySpec(
            "bench-" + UUID.randomUUID(),
            key.exchange(),
            List.of(key.pair()),
            key.timeframe(),
            Long.MIN_VALUE / 2,
            Long.MAX_VALUE / 2,
            0);
    replays.create(spec, n);
    ReplayWorker worker = new ReplayWorker(spec, store, replays, sink, window);
    double s = time(worker::run);
    ReplayState state = replays.find(spec.id()).orElseThrow();
    if (state.published() != n || !ReplayState.DONE.equals(state.status())) {
      throw new IllegalStateException("replay " + state);
    }
    System.out.printf(
        "publish : replay, speed max, progress in PostgreSQL, window %,d, %s: %,.0f candles/s"
            + " (%,d in %.2f s) | load %s%n",
        window, label, n / s, n, s, load());
  }
}
