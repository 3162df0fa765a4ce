package io.tradingsuite.support.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id}, or a new one), puts
 * it in the log context and echoes it back, so one operator action can be followed across services.
 */
public class CorrelationIdFilter {
  public static final String HEADER = "X-Correlation-Id";
  public static final String MDC_KEY = "correlation_id";
  private static final int MAX_LENGTH = 128;

  @ServerRequestFilter(preMatching = true, priority = 1)
  public void assign(ContainerRequestContext request) {
    String id = request.getHeaderString(HEADER);
    if (id == null || id.isBlank() || id.length() > MAX_LENGTH || !id.matches("[A-Za-z0-9._:-]+")) {
      id = UUID.randomUUID().toString();
    }
    request.setProperty(MDC_KEY, id);
    MDC.put(MDC_KEY, id);
  }

  @ServerResponseFilter
  public void echo(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(MDC_KEY);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
    MDC.remove(MDC_KEY);
  }

  /** The correlation id of the request being handled, or null outside a request or message. */
  public static String current() {
    Object id = MDC.get(MDC_KEY);
    return id == null ? null : id.toString();
  }
}
