package io.tradingsuite.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of a service's {@code GET /q/metrics} (Prometheus text format), parsed into samples,
 * so a {@code @QuarkusTest} can assert a series by name and labels exactly as Prometheus would see
 * it.
 */
public final class ScrapedMetrics {
  /** One sample line: name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    /** True when every given label is present with that value (other labels may exist). */
    public boolean matches(Map<String, String> wanted) {
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Sample> samples;

  private ScrapedMetrics(List<Sample> samples) {
    this.samples = samples;
  }

  /** Scrapes the application under test. */
  public static ScrapedMetrics scrape() {
    return parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
  }

  /** Parses Prometheus text exposition (comments skipped). */
  public static ScrapedMetrics parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.lines().toList()) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      out.add(parseLine(l));
    }
    return new ScrapedMetrics(out);
  }

  private static Sample parseLine(String l) {
    int brace = l.indexOf('{');
    int space = l.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && brace < space) {
      name = l.substring(0, brace);
      int i = brace + 1;
      while (l.charAt(i) != '}') {
        int eq = l.indexOf('=', i);
        String key = l.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2; // past ="
        for (; l.charAt(j) != '"'; j++) {
          char c = l.charAt(j);
          if (c == '\\') {
            char next = l.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (l.charAt(i) == ',') {
          i++;
        }
      }
      rest = i + 1;
    } else {
      name = l.substring(0, space);
      rest = space;
    }
    String tail = l.substring(rest).strip();
    int end = tail.indexOf(' '); // a timestamp may follow the value
    return new Sample(name, labels, parseValue(end < 0 ? tail : tail.substring(0, end)));
  }

  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }

  /** The samples of one series name whose labels include {@code labels}. */
  public List<Sample> samples(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.matches(labels)).toList();
  }

  /** The samples of one series name. */
  public List<Sample> samples(String name) {
    return samples(name, Map.of());
  }

  /**
   * The sum of the matching samples (0 when there is none: a counter not incremented yet is simply
   * absent).
   */
  public double value(String name, Map<String, String> labels) {
    return samples(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  /** All samples. */
  public List<Sample> all() {
    return samples;
  }
}
