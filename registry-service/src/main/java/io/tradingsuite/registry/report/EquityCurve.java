package io.tradingsuite.registry.report;

import io.tradingsuite.registry.artifact.RunRecord.TradeRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A backtest's account over time: the starting balance plus each closed trade's {@code profit_abs},
 * in close order, and the drawdown from the running peak. Exact decimals throughout.
 */
public record EquityCurve(
    List<Point> points, BigDecimal maxDrawdownAbs, BigDecimal maxDrawdownRatio) {

  public record Point(
      Instant time, BigDecimal equity, BigDecimal drawdownAbs, BigDecimal drawdownRatio) {}

  public static EquityCurve of(BigDecimal startingBalance, List<TradeRecord> trades) {
    BigDecimal start = startingBalance == null ? BigDecimal.ZERO : startingBalance;
    List<TradeRecord> ordered = new ArrayList<>(trades);
    ordered.sort(Comparator.comparing(TradeRecord::closeDate).thenComparing(TradeRecord::seq));
    List<Point> points = new ArrayList<>(ordered.size() + 1);
    BigDecimal equity = start;
    BigDecimal peak = start;
    BigDecimal maxAbs = BigDecimal.ZERO;
    BigDecimal maxRatio = BigDecimal.ZERO;
    if (!ordered.isEmpty()) {
      points.add(new Point(ordered.get(0).openDate(), start, BigDecimal.ZERO, BigDecimal.ZERO));
    }
    for (TradeRecord t : ordered) {
      equity = equity.add(t.profitAbs());
      peak = peak.max(equity);
      BigDecimal dd = peak.subtract(equity);
      BigDecimal ratio =
          peak.signum() > 0 ? dd.divide(peak, MathContext.DECIMAL64) : BigDecimal.ZERO;
      maxAbs = maxAbs.max(dd);
      maxRatio = maxRatio.max(ratio);
      points.add(new Point(t.closeDate(), equity, dd, ratio));
    }
    return new EquityCurve(List.copyOf(points), maxAbs, maxRatio);
  }

  /**
   * Inline SVG: the equity line on top, the drawdown (filled, downwards) below, sharing the time
   * axis. Coordinates are pixels, so doubles are fine here; labels carry the exact 8-decimal
   * values.
   */
  public String svg(String title) {
    int w = 640;
    int eqH = 180;
    int ddH = 90;
    int pad = 8;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"equity\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(eqH + ddH + 3 * pad)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(eqH + ddH + 3 * pad)
        .append("\" role=\"img\"><title>")
        .append(Html.escape(title))
        .append("</title>");
    s.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(eqH + ddH + 3 * pad)
        .append("\" fill=\"#fff\" stroke=\"#ccc\"/>");
    if (points.size() < 2) {
      s.append("<text x=\"16\" y=\"40\" font-size=\"14\">no closed trades</text></svg>");
      return s.toString();
    }
    long t0 = points.get(0).time().toEpochMilli();
    long t1 = Math.max(points.get(points.size() - 1).time().toEpochMilli(), t0 + 1);
    double min = points.stream().mapToDouble(p -> p.equity().doubleValue()).min().orElse(0);
    double max = points.stream().mapToDouble(p -> p.equity().doubleValue()).max().orElse(1);
    if (max - min < 1e-12) {
      max = min + 1;
    }
    double ddMax =
        Math.max(
            points.stream().mapToDouble(p -> p.drawdownAbs().doubleValue()).max().orElse(0), 1e-12);
    StringBuilder eq = new StringBuilder();
    StringBuilder dd = new StringBuilder();
    int ddTop = eqH + 2 * pad;
    dd.append(pad).append(',').append(ddTop).append(' ');
    for (Point p : points) {
      double x = pad + (w - 2.0 * pad) * (p.time().toEpochMilli() - t0) / (double) (t1 - t0);
      double y =
          pad + (eqH - 2.0 * pad) * (1 - (p.equity().doubleValue() - min) / (max - min)) + pad;
      double yd = ddTop + (ddH - pad) * (p.drawdownAbs().doubleValue() / ddMax);
      eq.append(fmt(x)).append(',').append(fmt(y)).append(' ');
      dd.append(fmt(x)).append(',').append(fmt(yd)).append(' ');
    }
    dd.append(w - pad).append(',').append(ddTop);
    s.append(
            "<polyline class=\"equity-line\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"")
        .append(eq.toString().strip())
        .append("\"/>");
    s.append(
            "<polygon class=\"drawdown\" fill=\"#d62728\" fill-opacity=\"0.35\" stroke=\"#d62728\" points=\"")
        .append(dd.toString().strip())
        .append("\"/>");
    s.append("<line x1=\"")
        .append(pad)
        .append("\" y1=\"")
        .append(ddTop)
        .append("\" x2=\"")
        .append(w - pad)
        .append("\" y2=\"")
        .append(ddTop)
        .append("\" stroke=\"#999\"/>");
    s.append("<text x=\"")
        .append(pad + 4)
        .append("\" y=\"")
        .append(pad + 12)
        .append("\" font-size=\"11\">equity max ")
        .append(
            Formats.money(
                points.stream().map(Point::equity).max(BigDecimal::compareTo).orElseThrow()))
        .append(", min ")
        .append(
            Formats.money(
                points.stream().map(Point::equity).min(BigDecimal::compareTo).orElseThrow()))
        .append("</text>");
    s.append("<text x=\"")
        .append(pad + 4)
        .append("\" y=\"")
        .append(ddTop + 14)
        .append("\" font-size=\"11\">drawdown max ")
        .append(Formats.money(maxDrawdownAbs))
        .append(" (")
        .append(Formats.money(maxDrawdownRatio))
        .append(")</text>");
    s.append("</svg>");
    return s.toString();
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
