package io.tradingsuite.risk.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived deterministically from the signal id, so a signal decided again (after a crash before
 * the offset commit) names the same decision, order and trade, and execution-service dedupes them.
 */
public final class Ids {
  static final String DCA_TRADE_PREFIX = "tr-dca-";

  private Ids() {}

  /** {@code "ts-" + first 24 hex of sha256(signal id)}. */
  public static String clientOrderId(String signalId) {
    return "ts-" + sha256(signalId).substring(0, 24);
  }

  /** The trade an approved entry opens. */
  public static String tradeId(String signalId) {
    return "tr-" + sha256("trade:" + signalId).substring(0, 24);
  }

  /**
   * The trade a DCA buy opens: {@code "tr-dca-" + 24 hex}. The prefix lets the book tell DCA trades
   * from strategy trades after a restart without another column (see {@link RiskEngine}).
   */
  public static String dcaTradeId(String signalId) {
    return DCA_TRADE_PREFIX + sha256("trade:" + signalId).substring(0, 24);
  }

  public static boolean isDcaTrade(String tradeId) {
    return tradeId != null && tradeId.startsWith(DCA_TRADE_PREFIX);
  }

  public static String decisionId(String signalId) {
    return "rd-" + sha256("decision:" + signalId).substring(0, 24);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
