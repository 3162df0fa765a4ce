package io.tradingsuite.cli.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite notifications ...}: what notification-service told, what it could not deliver, a
 * test message.
 */
@Command(
    name = "notifications",
    description = "Telegram and webhook notifications (notification-service).",
    mixinStandardHelpOptions = true,
    subcommands = {
      NotificationsCommand.ListCommand.class,
      NotificationsCommand.DeadLettersCommand.class,
      NotificationsCommand.RetryCommand.class,
      NotificationsCommand.TestCommand.class,
      NotificationsCommand.ChannelsCommand.class,
      NotificationsCommand.IncidentsCommand.class
    })
public class NotificationsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  static String base() {
    return Endpoints.SERVICES.get("notification-service") + "/api/v1/notifications";
  }

  static ApiClient client(ObjectMapper json) {
    return ApiClient.fromEnvironment(json);
  }

  /** Runs a call and turns a failure into exit code 1 with the service's own words. */
  abstract static class Verb implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Override
    public Integer call() {
      try {
        return run(client(json));
      } catch (ApiClient.ApiException e) {
        spec.commandLine().getErr().println("notifications: " + e.getMessage());
        return 1;
      }
    }

    abstract int run(ApiClient api);
  }

  @Command(name = "list", description = "Notifications, newest first.")
  static class ListCommand extends Verb {
    @Option(
        names = "--kind",
        description =
            "entry_fill, exit_fill, order_rejected, circuit_breaker_tripped, "
                + "circuit_breaker_reset, incident, backtest_finished, hyperopt_finished, daily_summary, test")
    String kind;

    @Option(names = "--since", description = "ISO-8601 UTC time, e.g. 2024-01-01T00:00:00Z")
    String since;

    @Option(names = "--limit", defaultValue = "20")
    int limit;

    @Override
    int run(ApiClient api) {
      StringBuilder url = new StringBuilder(base()).append("?limit=").append(limit);
      if (kind != null) {
        url.append("&kind=").append(URLEncoder.encode(kind, StandardCharsets.UTF_8));
      }
      if (since != null) {
        url.append("&since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
      }
      JsonNode list = api.get(url.toString());
      if (list.isEmpty()) {
        out().println("no notifications");
      }
      for (JsonNode n : list) {
        StringBuilder states = new StringBuilder();
        for (JsonNode d : n.path("deliveries")) {
          states
              .append(' ')
              .append(d.path("channel").asText())
              .append(':')
              .append(d.path("target").asText())
              .append('=')
              .append(d.path("status").asText());
        }
        out()
            .printf(
                "%s  %-24s %-8s %s%s%n",
                n.path("created_at").asText(),
                n.path("kind").asText(),
                n.path("severity").asText(),
                n.path("title").asText(),
                states);
      }
      return 0;
    }
  }

  @Command(
      name = "dead-letters",
      description = "Deliveries that failed for good (after every retry).")
  static class DeadLettersCommand extends Verb {
    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Option(names = "--json", description = "Print the raw JSON, payloads included.")
    boolean raw;

    @Override
    int run(ApiClient api) {
      JsonNode list = api.get(base() + "/dead-letters?limit=" + limit);
      if (raw) {
        out().println(list.toPrettyString());
        return 0;
      }
      if (list.isEmpty()) {
        out().println("no dead letters");
      }
      for (JsonNode d : list) {
        out()
            .printf(
                "#%d  %s  %s %s:%s  %d attempt(s)  %s%n",
                d.path("id").asLong(),
                d.path("dead_at").asText(),
                d.path("kind").asText(),
                d.path("channel").asText(),
                d.path("target").asText(),
                d.path("attempts").asInt(),
                d.path("last_error").asText());
      }
      return 0;
    }
  }

  @Command(name = "retry", description = "Queue a dead letter for delivery again.")
  static class RetryCommand extends Verb {
    @Parameters(paramLabel = "ID", description = "the dead letter's id (see dead-letters)")
    long id;

    @Override
    int run(ApiClient api) {
      api.post(base() + "/dead-letters/" + id + "/retry", null);
      out().println("dead letter " + id + " queued again");
      return 0;
    }
  }

  @Command(name = "test", description = "Send a test message to every configured channel.")
  static class TestCommand extends Verb {
    @Option(names = "--text", description = "the message (default: a fixed test text)")
    String text;

    @Override
    int run(ApiClient api) {
      JsonNode r = api.post(base() + "/test", text == null ? Map.of() : Map.of("text", text));
      out()
          .printf(
              "test notification %s queued for %d target(s)%n",
              r.path("id").asText(), r.path("targets").asInt());
      if (r.path("targets").asInt() == 0) {
        out()
            .println(
                "no channel is configured: set TELEGRAM_BOT_TOKEN/TELEGRAM_CHAT_IDS or SUITE_WEBHOOKS");
      }
      return 0;
    }
  }

  @Command(name = "channels", description = "Which channels and kinds are on (no secrets shown).")
  static class ChannelsCommand extends Verb {
    @Override
    int run(ApiClient api) {
      JsonNode c = api.get(base() + "/channels");
      out()
          .printf(
              "telegram: %s (%d chat(s), commands %s)%n",
              c.path("telegram").asBoolean() ? "on" : "off",
              c.path("telegram_chats").asInt(),
              c.path("telegram_commands").asBoolean() ? "on" : "off");
      for (JsonNode w : c.path("webhooks")) {
        out().printf("webhook %s: %s%n", w.path("name").asText(), w.path("kinds"));
      }
      StringBuilder off = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = c.path("kinds").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> k = it.next();
        if (!k.getValue().asBoolean()) {
          off.append(' ').append(k.getKey());
        }
      }
      out().println("kinds off:" + (off.length() == 0 ? " none" : off));
      out().println("incidents from severity: " + c.path("incident_min_severity").asText());
      out().println("deliveries: " + c.path("deliveries"));
      return 0;
    }
  }

  @Command(
      name = "incidents",
      description = "Local incidents, e.g. Telegram messages from unknown chats.")
  static class IncidentsCommand extends Verb {
    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Override
    int run(ApiClient api) {
      JsonNode list = api.get(base() + "/incidents?limit=" + limit);
      if (list.isEmpty()) {
        out().println("no incidents");
      }
      for (JsonNode i : list) {
        out()
            .printf(
                "%s  %s  %s%n",
                i.path("at").asText(), i.path("type").asText(), i.path("detail").asText());
      }
      return 0;
    }
  }
}
