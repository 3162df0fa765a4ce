package io.tradingsuite.notification.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A bot command as typed in a chat: {@code /stopentry high volatility} is name {@code stopentry},
 * args {@code high volatility}. A {@code @BotName} suffix (commands in groups) is dropped.
 */
public record TelegramCommand(String name, String args) {

  public static Optional<TelegramCommand> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    if (t.length() < 2 || t.charAt(0) != '/') {
      return Optional.empty();
    }
    int space = indexOfWhitespace(t);
    String head = space < 0 ? t.substring(1) : t.substring(1, space);
    int at = head.indexOf('@');
    if (at >= 0) {
      head = head.substring(0, at);
    }
    if (head.isEmpty()) {
      return Optional.empty();
    }
    String args = space < 0 ? "" : t.substring(space).strip();
    return Optional.of(new TelegramCommand(head.toLowerCase(Locale.ROOT), args));
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
