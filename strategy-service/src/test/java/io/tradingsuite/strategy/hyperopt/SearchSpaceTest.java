package io.tradingsuite.strategy.hyperopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.builtin.MaCrossoverStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * ROI space generation as Freqtrade's, the other spaces, decoding, and bad input naming the field.
 */
class SearchSpaceTest {

  final Strategy ma = new MaCrossoverStrategy();

  @Test
  void roiSpaceFor5mIsFreqtradesLegacyRange() {
    assertThat(RoiSpace.dimensions(5))
        .containsExactly(
            new Dimension.IntDim("roi_t1", HyperoptSpace.ROI, 10, 120),
            new Dimension.IntDim("roi_t2", HyperoptSpace.ROI, 10, 60),
            new Dimension.IntDim("roi_t3", HyperoptSpace.ROI, 10, 40),
            new Dimension.DecimalDim("roi_p1", HyperoptSpace.ROI, 0.01, 0.04, 3),
            new Dimension.DecimalDim("roi_p2", HyperoptSpace.ROI, 0.01, 0.07, 3),
            new Dimension.DecimalDim("roi_p3", HyperoptSpace.ROI, 0.01, 0.20, 3));
  }

  @Test
  void roiSpaceScalesWithTheTimeframe() {
    // 1h: times x12; profits x log1p(60)/log1p(5) = 2.2943, truncated onto the 0.001 grid
    assertThat(RoiSpace.dimensions(60))
        .containsExactly(
            new Dimension.IntDim("roi_t1", HyperoptSpace.ROI, 120, 1440),
            new Dimension.IntDim("roi_t2", HyperoptSpace.ROI, 120, 720),
            new Dimension.IntDim("roi_t3", HyperoptSpace.ROI, 120, 480),
            new Dimension.DecimalDim("roi_p1", HyperoptSpace.ROI, 0.022, 0.091, 3),
            new Dimension.DecimalDim("roi_p2", HyperoptSpace.ROI, 0.022, 0.160, 3),
            new Dimension.DecimalDim("roi_p3", HyperoptSpace.ROI, 0.022, 0.458, 3));
  }

  @Test
  void generateRoiTableAsFreqtrade() {
    Map<String, Object> p =
        Map.of(
            "roi_t1", 100, "roi_t2", 50, "roi_t3", 20, "roi_p1", 0.02, "roi_p2", 0.03, "roi_p3",
            0.1);
    Map<Integer, Double> roi = RoiSpace.generateRoiTable(p);
    assertThat(roi.keySet()).containsExactly(0, 20, 70, 170);
    assertThat(roi.get(0)).isEqualTo(0.02 + 0.03 + 0.1);
    assertThat(roi.get(20)).isEqualTo(0.02 + 0.03);
    assertThat(roi.get(70)).isEqualTo(0.02);
    assertThat(roi.get(170)).isEqualTo(0.0);
  }

  @Test
  void decodeBuildsDetailsAndTheExitPlan() {
    ExitPlan base = ExitPlan.builder().stoploss(-0.1).minimalRoi(RoiTable.of(0, 0.1)).build();
    SearchSpace s =
        SearchSpace.of(
            ma,
            HyperoptSpace.parse(List.of("all")).stream()
                .filter(x -> x != HyperoptSpace.SELL)
                .collect(java.util.stream.Collectors.toSet()),
            ma.resolveParams(Map.of()),
            base,
            5,
            null);
    assertThat(s.dimensions())
        .extracting(Dimension::name)
        .containsExactly(
            "fast",
            "slow",
            "ma_type",
            "roi_t1",
            "roi_t2",
            "roi_t3",
            "roi_p1",
            "roi_p2",
            "roi_p3",
            "stoploss",
            "trailing_stop",
            "trailing_stop_positive",
            "trailing_stop_positive_offset_p1",
            "trailing_only_offset_is_reached");
    assertThat(s.dimensions())
        .contains(new Dimension.DecimalDim("stoploss", HyperoptSpace.STOPLOSS, -0.35, -0.02, 3));
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("fast", 7);
    point.put("slow", 40);
    point.put("ma_type", "EMA");
    point.put("roi_t1", 100);
    point.put("roi_t2", 50);
    point.put("roi_t3", 20);
    point.put("roi_p1", 0.02);
    point.put("roi_p2", 0.03);
    point.put("roi_p3", 0.1);
    point.put("stoploss", -0.05);
    point.put("trailing_stop", true);
    point.put("trailing_stop_positive", 0.02);
    point.put("trailing_stop_positive_offset_p1", 0.01);
    point.put("trailing_only_offset_is_reached", false);
    SearchSpace.Assignment a = s.decode(point);
    assertThat(a.strategyParams().getInt("fast")).isEqualTo(7);
    assertThat(a.strategyParams().getString("ma_type")).isEqualTo("EMA");
    assertThat(a.exitPlan().stoploss()).isEqualTo(-0.05);
    assertThat(a.exitPlan().minimalRoi().asMap()).containsEntry(170, 0.0).containsEntry(20, 0.05);
    assertThat(a.exitPlan().trailingStop()).isTrue();
    assertThat(a.exitPlan().trailingStopPositiveOffset()).isEqualTo(0.02 + 0.01);
    assertThat(a.paramsDetails()).containsKeys("buy", "roi", "stoploss", "trailing");
    assertThat(a.paramsDetails().get("roi")).containsEntry("0", 0.02 + 0.03 + 0.1);
    assertThat(a.allParams().get("buy")).containsEntry("slow", 40);
  }

  @Test
  void notSearchedSpacesAreReportedAsNotOptimized() {
    ExitPlan base = ExitPlan.builder().stoploss(-0.1).minimalRoi(RoiTable.of(0, 0.1)).build();
    SearchSpace s =
        SearchSpace.of(
            ma,
            HyperoptSpace.parse(List.of("stoploss")),
            ma.resolveParams(Map.of("fast", 12)),
            base,
            5,
            null);
    SearchSpace.Assignment a = s.decode(Map.of("stoploss", -0.2));
    assertThat(a.paramsNotOptimized().get("buy")).containsEntry("fast", 12);
    assertThat(a.paramsNotOptimized().get("roi")).containsEntry("0", 0.1);
    assertThat(a.strategyParams().getInt("fast")).isEqualTo(12);
  }

  @Test
  void narrowedBoundsAreUsed() {
    SearchSpace s =
        SearchSpace.of(
            ma,
            HyperoptSpace.parse(List.of("buy")),
            ma.resolveParams(Map.of()),
            ma.settings().exitPlan(),
            5,
            Map.of("fast", List.of(5.0, 9.0)));
    assertThat(s.dimensions().get(0))
        .isEqualTo(new Dimension.IntDim("fast", HyperoptSpace.BUY, 5, 9));
  }

  @Test
  void badInputNamesTheField() {
    ExitPlan plan = ma.settings().exitPlan();
    Map<String, Object> none = Map.of();
    expectField("spaces", () -> HyperoptSpace.parse(List.of("buy", "moon")));
    expectField(
        "spaces",
        () ->
            SearchSpace.of(
                ma, HyperoptSpace.parse(List.of("sell")), ma.resolveParams(none), plan, 5, null));
    expectField(
        "bounds.fast",
        () ->
            SearchSpace.of(
                ma,
                HyperoptSpace.parse(List.of("buy")),
                ma.resolveParams(none),
                plan,
                5,
                Map.of("fast", List.of(1.0, 20.0))));
    expectField(
        "bounds.slow",
        () ->
            SearchSpace.of(
                ma,
                HyperoptSpace.parse(List.of("buy")),
                ma.resolveParams(none),
                plan,
                5,
                Map.of("slow", List.of(50.0, 20.0))));
    expectField(
        "bounds.ma_type",
        () ->
            SearchSpace.of(
                ma,
                HyperoptSpace.parse(List.of("buy")),
                ma.resolveParams(none),
                plan,
                5,
                Map.of("ma_type", List.of(1.0, 2.0))));
    expectField(
        "bounds.nope",
        () ->
            SearchSpace.of(
                ma,
                HyperoptSpace.parse(List.of("buy")),
                ma.resolveParams(none),
                plan,
                5,
                Map.of("nope", List.of(1.0, 2.0))));
    expectField(
        "bounds.stoploss",
        () ->
            SearchSpace.of(
                ma,
                HyperoptSpace.parse(List.of("stoploss")),
                ma.resolveParams(none),
                plan,
                5,
                Map.of("stoploss", List.of(-0.5, 0.1))));
    expectField(
        "epochs", () -> new HyperoptSettings(0, 1, 1, HyperoptLoss.SharpeHyperOptLoss, null, 1, 8));
    expectField(
        "jobs", () -> new HyperoptSettings(10, 0, 1, HyperoptLoss.SharpeHyperOptLoss, null, 1, 8));
    expectField(
        "min_trades",
        () -> new HyperoptSettings(10, 1, -1, HyperoptLoss.SharpeHyperOptLoss, null, 1, 8));
    expectField("loss", () -> HyperoptLoss.parse("Sharpe"));
    expectField("sampler", () -> Sampler.Kind.parse("cmaes"));
  }

  private static void expectField(String field, Runnable r) {
    Consumer<Throwable> check =
        e -> assertThat(((HyperoptInputException) e).field()).isEqualTo(field);
    assertThatThrownBy(r::run).isInstanceOf(HyperoptInputException.class).satisfies(check::accept);
  }
}
