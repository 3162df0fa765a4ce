package io.tradingsuite.strategy.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.strategy.testing.FakeServices;
import io.tradingsuite.support.http.ProblemException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease client against a real HTTP server playing risk-service. */
class BacktestLeasesTest {

  FakeServices risk;
  BacktestLeases leases;

  @BeforeEach
  void start() throws IOException {
    risk = new FakeServices();
    leases = client(risk.url());
  }

  @AfterEach
  void stop() {
    risk.close();
  }

  // built by hand, without CDI, so the test sets its injected fields
  @SuppressWarnings("UnnecessaryAssignment")
  static BacktestLeases client(String url) {
    BacktestLeases l = new BacktestLeases();
    l.json = new ObjectMapper();
    l.riskUrl = url;
    l.apiKey = Optional.of("secret-key");
    l.timeout = Duration.ofSeconds(2);
    return l;
  }

  @Test
  void grantedLeaseIsReleasedWithTheDrawdown() {
    BacktestLeases.Lease lease = leases.acquire("bt-1", "MaCrossoverStrategy", "backtest");

    assertThat(lease.id()).startsWith("lease-");
    assertThat(lease.runId()).isEqualTo("bt-1");
    assertThat(lease.expiresAt()).isNotNull();
    FakeServices.Recorded post = risk.requests("POST", "/api/v1/backtest-leases").get(0);
    assertThat(post.apiKey()).isEqualTo("secret-key");
    assertThat(post.body())
        .contains(
            "\"run_id\":\"bt-1\"", "\"strategy\":\"MaCrossoverStrategy\"", "\"kind\":\"backtest\"");

    leases.release(lease, new BigDecimal("0.12345678"));
    FakeServices.Recorded del = risk.requests("DELETE", "/api/v1/backtest-leases/").get(0);
    assertThat(del.path()).isEqualTo("/api/v1/backtest-leases/" + lease.id());
    assertThat(del.query()).isEqualTo("max_drawdown=0.12345678");
    assertThat(del.apiKey()).isEqualTo("secret-key");
  }

  @Test
  void circuitBreakerRefusalIsA409WithRisksReason() {
    risk.leaseMode = FakeServices.LeaseMode.CIRCUIT_BREAKER_OPEN;
    assertThatThrownBy(() -> leases.acquire("bt-2", "S", "backtest"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.getMessage())
                  .contains("circuit breaker is open")
                  .contains("CIRCUIT_BREAKER_OPEN");
            });
  }

  @Test
  void tooManyConcurrentBacktestsIsA409() {
    risk.leaseMode = FakeServices.LeaseMode.MAX_CONCURRENT_BACKTESTS;
    assertThatThrownBy(() -> leases.acquire("bt-3", "S", "hyperopt"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.getMessage()).contains("MAX_CONCURRENT_BACKTESTS");
            });
  }

  @Test
  void serverErrorOrDroppedConnectionRefusesTheRun() {
    risk.leaseMode = FakeServices.LeaseMode.SERVER_ERROR;
    assertThatThrownBy(() -> leases.acquire("bt-4", "S", "backtest"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.getMessage()).startsWith(BacktestLeases.UNREACHABLE_DETAIL);
            });
    risk.leaseMode = FakeServices.LeaseMode.DROP_CONNECTION;
    assertThatThrownBy(() -> leases.acquire("bt-5", "S", "backtest"))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void unreachableRiskServiceRefusesTheRunAndReleaseNeverThrows() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    BacktestLeases down = client("http://127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> down.acquire("bt-6", "S", "backtest"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.getMessage())
                  .isEqualTo("risk-service unreachable: backtest refused (fail closed)");
            });
    down.release(new BacktestLeases.Lease("lease-x", "bt-6", null), BigDecimal.ONE);
  }
}
