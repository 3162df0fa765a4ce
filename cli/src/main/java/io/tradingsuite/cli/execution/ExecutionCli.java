package io.tradingsuite.cli.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import java.io.PrintWriter;

/** Shared bits of the execution verbs: the client (API key from SUITE_API_KEY) and printing. */
final class ExecutionCli {
  private ExecutionCli() {}

  static ApiClient client(ObjectMapper json) {
    return ApiClient.fromEnvironment(json);
  }

  static String url(String path) {
    return Endpoints.execution() + "/api/v1" + path;
  }

  static int fail(PrintWriter err, ApiClient.ApiException e) {
    err.println(e.describe("execution-service"));
    return 1;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? "-" : v.asText();
  }
}
