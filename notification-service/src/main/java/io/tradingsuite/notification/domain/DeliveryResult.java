package io.tradingsuite.notification.domain;

/**
 * What one delivery attempt came to. A permanent failure (the receiver refuses the request as such:
 * 4xx other than 408/425/429) is not retried; a transient one (network, timeout, 5xx, 429) is.
 */
public record DeliveryResult(Outcome outcome, String error) {
  public enum Outcome {
    DELIVERED,
    TRANSIENT_FAILURE,
    PERMANENT_FAILURE
  }

  public static DeliveryResult delivered() {
    return new DeliveryResult(Outcome.DELIVERED, null);
  }

  public static DeliveryResult transientFailure(String error) {
    return new DeliveryResult(Outcome.TRANSIENT_FAILURE, error);
  }

  public static DeliveryResult permanentFailure(String error) {
    return new DeliveryResult(Outcome.PERMANENT_FAILURE, error);
  }

  /** Classifies an HTTP status answer. */
  public static DeliveryResult ofStatus(int status, String detail) {
    if (status >= 200 && status < 300) {
      return delivered();
    }
    String error =
        "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + abbreviate(detail));
    boolean retry = status >= 500 || status == 408 || status == 425 || status == 429;
    return retry ? transientFailure(error) : permanentFailure(error);
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 300 ? one.substring(0, 300) + "..." : one;
  }
}
