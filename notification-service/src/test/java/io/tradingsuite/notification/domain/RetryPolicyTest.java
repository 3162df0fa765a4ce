package io.tradingsuite.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10));

  @Test
  void backsOffExponentiallyUpToTheCapThenGivesUp() {
    assertThat(policy.delayAfter(1)).contains(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(2)).contains(Duration.ofSeconds(4));
    assertThat(policy.delayAfter(3)).contains(Duration.ofSeconds(8));
    assertThat(policy.delayAfter(4)).contains(Duration.ofSeconds(10));
    assertThat(policy.delayAfter(5)).isEmpty();
    assertThat(policy.delayAfter(50)).isEmpty();
  }

  @Test
  void hugeExponentsStayCapped() {
    RetryPolicy many = new RetryPolicy(10_000, Duration.ofMillis(100), 3.0, Duration.ofMinutes(10));
    assertThat(many.delayAfter(5_000)).contains(Duration.ofMinutes(10));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, 0.5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classifiesHttpStatuses() {
    assertThat(DeliveryResult.ofStatus(204, null).outcome())
        .isEqualTo(DeliveryResult.Outcome.DELIVERED);
    assertThat(DeliveryResult.ofStatus(503, "busy").outcome())
        .isEqualTo(DeliveryResult.Outcome.TRANSIENT_FAILURE);
    assertThat(DeliveryResult.ofStatus(429, null).outcome())
        .isEqualTo(DeliveryResult.Outcome.TRANSIENT_FAILURE);
    assertThat(DeliveryResult.ofStatus(400, "chat not found").outcome())
        .isEqualTo(DeliveryResult.Outcome.PERMANENT_FAILURE);
    assertThat(DeliveryResult.ofStatus(400, "chat not found").error())
        .isEqualTo("HTTP 400: chat not found");
  }
}
