package io.tradingsuite.notification.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook body: JSON text with {@code ${field}} placeholders. Each placeholder is replaced by the
 * field's value JSON-escaped (without quotes: the template puts them where it wants a string), or
 * by nothing when the event has no such field. {@code $${x}} writes a literal {@code ${x}}.
 */
public final class JsonTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$?\\$\\{([A-Za-z0-9_.-]+)}");

  private final String template;

  public JsonTemplate(String template) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("template must not be blank");
    }
    this.template = template;
  }

  public String render(Map<String, String> fields) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    while (m.find()) {
      String replacement;
      if (m.group().startsWith("$$")) {
        replacement = m.group().substring(1);
      } else {
        String value = fields.get(m.group(1));
        replacement = value == null ? "" : escape(value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The template with every placeholder replaced by {@code sample}: used to check it is JSON at
   * start-up.
   */
  public String renderSample(String sample) {
    return PLACEHOLDER.matcher(template).replaceAll(Matcher.quoteReplacement(sample));
  }

  /**
   * JSON string escaping (RFC 8259): quote, backslash and control characters; U+2028/9 for JS
   * receivers.
   */
  public static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) ch));
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}
