package io.tradingsuite.notification.rest;

import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.Messages;
import io.tradingsuite.notification.domain.Notification;
import io.tradingsuite.notification.domain.NotificationKind;
import io.tradingsuite.notification.history.NotificationHistory;
import io.tradingsuite.notification.store.NotificationStore;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What was told, what could not be delivered, and a test message to check the channels. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
  @Inject NotificationHistory history;
  @Inject NotificationSettings settings;
  @Inject Clock clock;

  /** A test message's body; {@code text} is optional. */
  public record TestRequest(String text) {}

  public record Accepted(String id, int targets) {}

  public record Channels(
      boolean telegram,
      int telegramChats,
      boolean telegramCommands,
      List<Map<String, Object>> webhooks,
      Map<String, Boolean> kinds,
      String incidentMinSeverity,
      Map<String, Long> deliveries) {}

  @GET
  public List<NotificationStore.NotificationView> list(
      @QueryParam("kind") String kind,
      @QueryParam("since") String since,
      @QueryParam("limit") Integer limit) {
    NotificationKind k = null;
    if (kind != null && !kind.isBlank()) {
      k =
          NotificationKind.parse(kind)
              .orElseThrow(
                  () ->
                      ProblemException.badRequest(
                          "kind",
                          "unknown kind '"
                              + kind
                              + "' (known: "
                              + NotificationKind.allIds()
                              + ")"));
    }
    Instant from = null;
    if (since != null && !since.isBlank()) {
      try {
        from = Instant.parse(since.strip());
      } catch (DateTimeParseException e) {
        throw ProblemException.badRequest(
            "since", "must be an ISO-8601 UTC time like 2024-01-01T00:00:00Z");
      }
    }
    return history.notifications(k, from, limit(limit));
  }

  @GET
  @Path("/dead-letters")
  public List<NotificationStore.DeadLetter> deadLetters(@QueryParam("limit") Integer limit) {
    return history.deadLetters(limit(limit));
  }

  @POST
  @Path("/dead-letters/{id}/retry")
  public Response retry(@PathParam("id") long id) {
    if (!history.retry(id, clock.instant())) {
      throw ProblemException.notFound("no dead letter " + id);
    }
    return Response.accepted(Map.of("id", id, "status", "pending")).build();
  }

  @GET
  @Path("/incidents")
  public List<NotificationStore.IncidentView> incidents(@QueryParam("limit") Integer limit) {
    return history.incidents(limit(limit));
  }

  @GET
  @Path("/channels")
  public Channels channels() {
    List<Map<String, Object>> hooks =
        settings.webhooks().stream()
            .map(
                w -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("name", w.name());
                  m.put(
                      "kinds",
                      w.kinds().isEmpty()
                          ? List.of("*")
                          : w.kinds().stream().map(NotificationKind::id).sorted().toList());
                  m.put("template", w.template() != null);
                  return m;
                })
            .toList();
    Map<String, Boolean> kinds = new LinkedHashMap<>();
    for (NotificationKind k : NotificationKind.values()) {
      kinds.put(k.id(), settings.enabled(k));
    }
    return new Channels(
        settings.telegramEnabled(),
        settings.chatIds().size(),
        settings.telegramCommands(),
        hooks,
        kinds,
        settings.incidentMinSeverity().id(),
        history.deliveryCounts());
  }

  @POST
  @Path("/test")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response test(TestRequest request) {
    String text = request == null ? null : request.text();
    if (text != null && text.length() > 3000) {
      throw ProblemException.badRequest("text", "must be at most 3000 characters");
    }
    Instant now = clock.instant();
    Notification n = Messages.test(UUID.randomUUID().toString(), text, now);
    history.enqueue(n, now);
    int targets =
        (settings.telegramEnabled() ? settings.chatIds().size() : 0)
            + (int)
                settings.webhooks().stream().filter(w -> w.wants(NotificationKind.TEST)).count();
    return Response.accepted(new Accepted(n.id(), targets)).build();
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return 100;
    }
    if (limit < 1 || limit > 1000) {
      throw ProblemException.badRequest("limit", "must be between 1 and 1000");
    }
    return limit;
  }
}
