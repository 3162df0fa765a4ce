package io.tradingsuite.strategy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyApiTest {

  @Test
  void candleColumnsValidateShapeAndOrder() {
    double[] x = {1, 2};
    assertThatThrownBy(() -> new CandleColumns(new long[] {0, 1}, x, x, x, x, new double[1]))
        .hasMessageContaining("volume");
    assertThatThrownBy(() -> new CandleColumns(new long[] {1, 1}, x, x, x, x, x))
        .hasMessageContaining("increasing");
    CandleColumns c =
        new CandleColumns(
            new long[] {0, 1}, x, x, x, x, x, Map.of("enter_long", new double[] {1, 0}));
    CandleColumns s = c.slice(1, 2);
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.extra("enter_long")).containsExactly(0);
  }

  @Test
  void paramsResolveCoerceAndKeyBySubset() {
    List<Parameter> ps =
        List.of(
            Parameter.intParam("a", ParameterSpace.BUY, 1, 10, 2),
            Parameter.decimalParam("b", ParameterSpace.SELL, 0.0, 1.0, 0.5, 2),
            Parameter.booleanParam("c", ParameterSpace.SELL, false),
            Parameter.categoricalParam("d", ParameterSpace.BUY, List.of("x", "y"), "x"));
    StrategyParams p = StrategyParams.resolve(ps, Map.of("a", 3.0, "b", "0.123", "c", 1));
    assertThat(p.asMap())
        .containsEntry("a", 3)
        .containsEntry("b", 0.12)
        .containsEntry("c", true)
        .containsEntry("d", "x");
    assertThat(p.subset(List.of("a")))
        .isEqualTo(StrategyParams.resolve(ps, Map.of("a", 3, "b", 0.9)).subset(List.of("a")));
    assertThatThrownBy(() -> StrategyParams.resolve(ps, Map.of("a", 3.5)))
        .hasMessageContaining("integer");
    assertThatThrownBy(() -> Parameter.intParam("z", ParameterSpace.BUY, 5, 1, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ParameterSpace.fromWireName("sell")).isEqualTo(ParameterSpace.SELL);
  }
}
