package io.tradingsuite.notification.config;

import io.smallrye.config.Expressions;
import io.tradingsuite.notification.domain.NotificationKind;
import io.tradingsuite.notification.domain.RetryPolicy;
import io.tradingsuite.notification.domain.Severity;
import io.tradingsuite.notification.domain.WebhookConfig;
import io.tradingsuite.notification.domain.WebhookEndpoint;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Everything configurable, read once at start. Secrets (bot token, webhook urls and headers) stay
 * in here and in the HTTP adapters; nothing logs them.
 */
@ApplicationScoped
public class NotificationSettings {
  @Inject Config config;

  @ConfigProperty(name = "suite.telegram.bot-token")
  Optional<String> telegramToken;

  @ConfigProperty(name = "suite.telegram.api-url", defaultValue = "https://api.telegram.org")
  String telegramApiUrl;

  @ConfigProperty(name = "suite.telegram.chat-ids")
  Optional<String> telegramChatIds;

  @ConfigProperty(name = "suite.telegram.commands", defaultValue = "true")
  boolean telegramCommands;

  @ConfigProperty(name = "suite.telegram.poll-timeout", defaultValue = "25s")
  Duration telegramPollTimeout;

  @ConfigProperty(name = "suite.telegram.error-pause", defaultValue = "5s")
  Duration telegramErrorPause;

  @ConfigProperty(name = "suite.telegram.idle-pause", defaultValue = "0s")
  Duration telegramIdlePause;

  @ConfigProperty(name = "suite.telegram.stop-minutes", defaultValue = "1440")
  int stopMinutes;

  @ConfigProperty(name = "suite.webhooks-file")
  Optional<String> webhooksFile;

  @ConfigProperty(name = "suite.delivery.max-attempts", defaultValue = "8")
  int maxAttempts;

  @ConfigProperty(name = "suite.delivery.initial-delay", defaultValue = "2s")
  Duration initialDelay;

  @ConfigProperty(name = "suite.delivery.multiplier", defaultValue = "2")
  double multiplier;

  @ConfigProperty(name = "suite.delivery.max-delay", defaultValue = "10m")
  Duration maxDelay;

  @ConfigProperty(name = "suite.delivery.timeout", defaultValue = "10s")
  Duration httpTimeout;

  @ConfigProperty(name = "suite.delivery.batch", defaultValue = "50")
  int batch;

  @ConfigProperty(name = "suite.delivery.parallelism", defaultValue = "4")
  int parallelism;

  @ConfigProperty(name = "suite.notify.incident-min-severity", defaultValue = "info")
  String incidentMinSeverity;

  @ConfigProperty(name = "suite.notify.max-age", defaultValue = "24h")
  Duration maxAge;

  @ConfigProperty(name = "suite.notify.daily-summary-at", defaultValue = "00:05")
  String dailySummaryAt;

  @ConfigProperty(name = "suite.risk.url", defaultValue = "http://127.0.0.1:8083")
  String riskUrl;

  @ConfigProperty(name = "suite.execution.url", defaultValue = "http://127.0.0.1:8084")
  String executionUrl;

  @ConfigProperty(name = "suite.api-key")
  Optional<String> apiKey;

  private final Map<NotificationKind, Boolean> enabled = new EnumMap<>(NotificationKind.class);
  private List<WebhookEndpoint> webhooks = List.of();
  private List<String> chatIds = List.of();
  private Severity minSeverity = Severity.INFO;
  private LocalTime summaryAt = LocalTime.of(0, 5);

  @PostConstruct
  void load() {
    for (NotificationKind k : NotificationKind.values()) {
      enabled.put(
          k, config.getOptionalValue("suite.notify." + k.configKey(), Boolean.class).orElse(true));
    }
    // ${field} placeholders of the templates are not config expressions: read the value raw
    String json =
        Expressions.withoutExpansion(() -> config.getOptionalValue("suite.webhooks", String.class))
            .orElse(null);
    if (webhooksFile.isPresent() && !webhooksFile.get().isBlank()) {
      try {
        json = Files.readString(Path.of(webhooksFile.get()));
      } catch (IOException e) {
        throw new IllegalStateException(
            "suite.webhooks-file: cannot read " + webhooksFile.get() + ": " + e.getMessage());
      }
    }
    webhooks = WebhookConfig.parse(json);
    chatIds =
        telegramChatIds
            .map(
                s ->
                    Arrays.stream(s.split("[,\\s]+"))
                        .map(String::strip)
                        .filter(x -> !x.isEmpty())
                        .toList())
            .orElse(List.of());
    minSeverity =
        Severity.parse(incidentMinSeverity)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "suite.notify.incident-min-severity: must be info, warning or critical"));
    summaryAt = LocalTime.parse(dailySummaryAt);
  }

  public boolean enabled(NotificationKind kind) {
    return enabled.getOrDefault(kind, true);
  }

  public Map<NotificationKind, Boolean> kinds() {
    return Map.copyOf(enabled);
  }

  /** Telegram is on when a bot token is set. */
  public boolean telegramEnabled() {
    return telegramToken.filter(t -> !t.isBlank()).isPresent();
  }

  public String telegramToken() {
    return telegramToken.orElse("");
  }

  public String telegramApiUrl() {
    return telegramApiUrl.replaceAll("/+$", "");
  }

  public List<String> chatIds() {
    return chatIds;
  }

  public boolean telegramCommands() {
    return telegramCommands;
  }

  public Duration telegramPollTimeout() {
    return telegramPollTimeout;
  }

  public Duration telegramErrorPause() {
    return telegramErrorPause;
  }

  public Duration telegramIdlePause() {
    return telegramIdlePause;
  }

  public int stopMinutes() {
    return stopMinutes;
  }

  public List<WebhookEndpoint> webhooks() {
    return webhooks;
  }

  public Optional<WebhookEndpoint> webhook(String name) {
    return webhooks.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay);
  }

  public Duration httpTimeout() {
    return httpTimeout;
  }

  public int batch() {
    return batch;
  }

  public int parallelism() {
    return parallelism;
  }

  public Severity incidentMinSeverity() {
    return minSeverity;
  }

  public Duration maxAge() {
    return maxAge;
  }

  public LocalTime dailySummaryAt() {
    return summaryAt;
  }

  public String riskUrl() {
    return riskUrl.replaceAll("/+$", "");
  }

  public String executionUrl() {
    return executionUrl.replaceAll("/+$", "");
  }

  public String apiKey() {
    return apiKey.orElse("");
  }
}
