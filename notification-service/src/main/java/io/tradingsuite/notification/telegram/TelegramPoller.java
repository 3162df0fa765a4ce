package io.tradingsuite.notification.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.delivery.TelegramClient;
import io.tradingsuite.notification.domain.DeliveryResult;
import io.tradingsuite.notification.domain.Messages;
import io.tradingsuite.notification.domain.NotificationKind;
import io.tradingsuite.notification.domain.TelegramCommand;
import io.tradingsuite.notification.intake.Outbox;
import io.tradingsuite.notification.store.NotificationStore;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Long-polls the Bot API for commands ({@code getUpdates}) on its own thread when Telegram is on.
 * Only the configured chats are answered; a message from any other chat is ignored, recorded as a
 * local incident and logged (operators are told the first time a chat shows up). Each update is
 * handled at most once: its id is recorded before the command acts, so a restart never trips the
 * breaker or force-exits twice.
 */
@ApplicationScoped
public class TelegramPoller {
  private static final Logger LOG = Logger.getLogger(TelegramPoller.class);
  public static final String UNKNOWN_CHAT = "telegram_unknown_chat";

  @Inject NotificationSettings settings;
  @Inject TelegramClient telegram;
  @Inject CommandHandler commands;
  @Inject NotificationStore store;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject @Readiness SchemaMigrator schema; // qualified: it is the readiness check too

  private volatile boolean running;
  private Thread thread;
  private long offset;

  void onStart(@Observes StartupEvent event) {
    if (!settings.telegramEnabled()) {
      LOG.info("Telegram is off (TELEGRAM_BOT_TOKEN is empty)");
      return;
    }
    LOG.infof(
        "Telegram is on: %d chat(s), commands %s",
        settings.chatIds().size(), settings.telegramCommands() ? "on" : "off");
    if (!settings.telegramCommands()) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "telegram-poller");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void loop() {
    while (running && !schema.isMigrated()) {
      pause(Duration.ofMillis(500));
    }
    while (running) {
      try {
        JsonNode updates = telegram.getUpdates(offset, settings.telegramPollTimeout());
        for (JsonNode u : updates) {
          offset = Math.max(offset, u.path("update_id").asLong() + 1);
          try {
            handle(u);
          } catch (RuntimeException e) {
            LOG.warnf(
                "telegram update %d not handled: %s", u.path("update_id").asLong(), e.getMessage());
          }
        }
        if (updates.isEmpty()) {
          pause(settings.telegramIdlePause());
        }
      } catch (TelegramClient.TelegramException e) {
        LOG.warnf("%s; retrying in %s", e.getMessage(), settings.telegramErrorPause());
        pause(settings.telegramErrorPause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void pause(Duration d) {
    if (d.isZero() || !running) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Handles one update: answers a command from a configured chat, records anything else from
   * elsewhere.
   */
  public void handle(JsonNode update) {
    long updateId = update.path("update_id").asLong();
    JsonNode message =
        update.has("message") ? update.get("message") : update.path("edited_message");
    JsonNode chat = message.path("chat").path("id");
    if (chat.isMissingNode() || chat.isNull()) {
      return;
    }
    String chatId = chat.asText();
    boolean allowed = settings.chatIds().contains(chatId);
    Optional<TelegramCommand> command = TelegramCommand.parse(message.path("text").asText(""));
    String commandName = command.map(c -> "/" + c.name()).orElse(null);
    Instant now = clock.instant();
    String incidentId = UNKNOWN_CHAT + ":" + updateId;
    boolean first =
        store.inTransaction(
            c -> {
              if (!store.markProcessed(c, "telegram:update:" + updateId, "telegram", now)) {
                return false;
              }
              if (!allowed) {
                boolean newChat = store.incidentCount(c, UNKNOWN_CHAT, chatId) == 0;
                store.insertIncident(
                    c,
                    incidentId,
                    UNKNOWN_CHAT,
                    chatId,
                    "message from unknown chat "
                        + chatId
                        + " ignored"
                        + (commandName == null ? "" : " (" + commandName + ")"),
                    now);
                if (newChat && settings.enabled(NotificationKind.INCIDENT)) {
                  outbox.enqueue(
                      c, Messages.unknownChat(incidentId, chatId, commandName, now), now);
                }
              }
              return true;
            });
    if (!first) {
      return;
    }
    if (!allowed) {
      MDC.put("incident", UNKNOWN_CHAT);
      try {
        LOG.warnf(
            "incident type=%s chat_id=%s update_id=%d command=%s: ignored",
            UNKNOWN_CHAT, chatId, updateId, commandName);
      } finally {
        MDC.remove("incident");
      }
      return;
    }
    if (command.isEmpty()) {
      return;
    }
    String reply = commands.handle(command.get(), chatId, "telegram-" + updateId);
    DeliveryResult sent = telegram.sendMessage(chatId, reply);
    if (sent.outcome() != DeliveryResult.Outcome.DELIVERED) {
      LOG.warnf("reply to telegram chat %s not sent: %s", chatId, sent.error());
    }
  }
}
