package io.tradingsuite.notification.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.CommandReplies;
import io.tradingsuite.notification.domain.TelegramCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Answers a command from a configured chat, acting only through the services' REST APIs: {@code
 * /stopentry} and {@code /start} ask risk-service to trip or reset the circuit breaker, {@code
 * /forceexit} asks execution-service to close a trade (exits are never blocked by the breaker).
 */
@ApplicationScoped
public class CommandHandler {
  private static final Logger LOG = Logger.getLogger(CommandHandler.class);
  static final int TRADES_SHOWN = 10;

  @Inject SuiteApi api;
  @Inject NotificationSettings settings;

  /** The reply to send back to the chat. */
  public String handle(TelegramCommand command, String chatId, String correlationId) {
    try {
      return switch (command.name()) {
        case "status" -> CommandReplies.status(api.trades("open"), circuitBreakerOrNull());
        case "profit" -> CommandReplies.profit(api.trades("closed"));
        case "balance" -> CommandReplies.balance(api.balance());
        case "trades" -> CommandReplies.trades(api.trades("closed"), TRADES_SHOWN);
        case "stopentry", "stopbuy" -> stopEntry(command.args(), chatId, correlationId);
        case "start" -> {
          LOG.infof("telegram chat %s resets the circuit breaker", chatId);
          api.disableCircuitBreaker(correlationId);
          yield "Circuit breaker reset: entries allowed again.";
        }
        case "forceexit", "forcesell" -> forceExit(command.args(), chatId, correlationId);
        case "help" -> CommandReplies.HELP;
        default -> "Unknown command /" + command.name() + "\n" + CommandReplies.HELP;
      };
    } catch (SuiteApi.ApiException e) {
      return "Failed: " + e.getMessage();
    }
  }

  private String stopEntry(String args, String chatId, String correlationId) {
    String reason = args.isBlank() ? "stopped from Telegram" : args;
    LOG.infof(
        "telegram chat %s trips the circuit breaker for %d minutes",
        chatId, settings.stopMinutes());
    JsonNode answer = api.enableCircuitBreaker(reason, settings.stopMinutes(), correlationId);
    String state =
        answer != null && answer.isObject() ? "\n" + CommandReplies.circuitBreaker(answer) : "";
    return "Circuit breaker tripped: no new entries (" + reason + "). /start to reset." + state;
  }

  private String forceExit(String args, String chatId, String correlationId) {
    if (args.isBlank()) {
      return "Usage: /forceexit <trade id> (see /status)";
    }
    String tradeId = args.split("\\s+", 2)[0];
    LOG.infof("telegram chat %s force-exits trade %s", chatId, tradeId);
    api.forceExit(tradeId, correlationId);
    return "Force exit requested for trade " + tradeId + ": it fills at the next candle's open.";
  }

  private JsonNode circuitBreakerOrNull() {
    try {
      return api.circuitBreaker();
    } catch (SuiteApi.ApiException e) {
      return null;
    }
  }
}
