package io.tradingsuite.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ServiceBasicsContract} against the packaged application ({@code quarkus-run.jar}, the
 * artifact the images package), plus what only the packaged app shows: the {@code prod} profile's
 * JSON log lines, which never contain the API key. A service's test class extends this and adds
 * {@code @QuarkusIntegrationTest @WithTestResource(PackagedAppResource.class)}.
 */
public abstract class PackagedServiceContract extends ServiceBasicsContract {

  /** Where the integration-test launcher writes the application's output. */
  static final Path APP_LOG = Path.of("target", "quarkus.log");

  @Test
  void logsJsonLinesWithoutTheApiKey() throws IOException {
    // a request that is logged (404 problem) so the log has a line from a request's handling
    given().header("X-Correlation-Id", "corr-packaged-1").get("/api/v1/no-such-thing");
    assertThat(APP_LOG).exists();
    List<String> lines = Files.readAllLines(APP_LOG);
    ObjectMapper json = new ObjectMapper();
    List<String> notJson = new ArrayList<>();
    int objects = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = json.readTree(line);
        if (n.isObject() && n.has("level") && n.has("message")) {
          objects++;
          continue;
        }
      } catch (IOException e) {
        // not JSON: collected below
      }
      notJson.add(line);
    }
    assertThat(notJson).as("log lines of the packaged app that are not JSON").isEmpty();
    assertThat(objects).as("JSON log lines").isPositive();
    assertThat(String.join("\n", lines)).doesNotContain(API_KEY);
  }
}
