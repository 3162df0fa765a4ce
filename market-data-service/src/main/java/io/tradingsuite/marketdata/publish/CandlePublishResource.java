package io.tradingsuite.marketdata.publish;

import io.smallrye.common.annotation.Blocking;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.InvalidMessageException;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes candles given in the body straight to {@code market.candles.v1}: for operators who need
 * to inject a candle by hand, and for tests of the pipeline. All are checked before any is sent.
 */
@Path("/api/v1/candles/publish")
public class CandlePublishResource {

  @Inject CandlePublisher publisher;

  @POST
  @Blocking
  public Response publish(List<Candle> candles) throws Exception {
    if (candles == null || candles.isEmpty()) {
      throw ProblemException.badRequest("body", "expected a non-empty JSON array of candles");
    }
    for (int i = 0; i < candles.size(); i++) {
      try {
        if (candles.get(i) == null) {
          throw ProblemException.badRequest("[" + i + "]", "null candle");
        }
        MessageValidator.validate(candles.get(i));
      } catch (InvalidMessageException e) {
        throw ProblemException.badRequest("[" + i + "]." + e.field(), e.getMessage());
      }
    }
    CompletableFuture<?>[] acks =
        candles.stream().map(publisher::publish).toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(acks).get(30, TimeUnit.SECONDS);
    return Response.accepted(Map.of("published", candles.size())).build();
  }
}
