package io.cityflow.cases.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lambda entry point answers API Gateway proxy events (payload format 1.0) through the case
 * API's controllers and security rules, on the in-memory H2 database of the test environment.
 */
class CaseApiFunctionTest extends CaseApiFunctionFixture {

  @Test
  void answersARecordedHealthCheckEventWithTheDatabaseUp() throws IOException {
    // given a GET /health event as the HTTP API (payload format 1.0) sends it
    APIGatewayProxyRequestEvent event = recordedEvent("events/apigw-get-health.json");
    assertThat(event.getRequestContext()).isNotNull();

    // when the function handles it
    APIGatewayProxyResponseEvent response = function.handleRequest(event, new MockLambdaContext());

    // then it answers 200 with the health report, the database being the test's H2
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(contentType(response)).startsWith("application/json");
    Map<String, Object> body = json(response.getBody());
    assertThat(body).containsEntry("status", "UP");
    Map<String, Object> database = child(child(body, "details"), "database");
    assertThat(database).containsEntry("status", "UP");
    assertThat(child(database, "details")).containsEntry("product", "H2");
  }

  @Test
  void refusesAStaffEndpointWithoutAToken() throws IOException {
    // given the recorded event, sent to a staff endpoint and without an Authorization header
    APIGatewayProxyRequestEvent event = recordedEvent("events/apigw-get-health.json");
    event.setPath("/api/staff/me");
    event.getRequestContext().setPath("/api/staff/me");
    event.setPathParameters(Map.of("proxy", "api/staff/me"));

    // when the function handles it
    APIGatewayProxyResponseEvent response = function.handleRequest(event, new MockLambdaContext());

    // then the security rules of the HTTP server apply here too
    assertThat(response.getStatusCode()).isEqualTo(401);
  }

  @Test
  void answersAValueOfTheWrongTypeWithAProblemNotAServerError() throws IOException {
    // given a citizen's attachment download whose attachment id is not a UUID
    APIGatewayProxyRequestEvent event = recordedEvent("events/apigw-get-health.json");
    String path = "/api/cases/YC-2026-000001/attachments/not-a-uuid";
    event.setPath(path);
    event.getRequestContext().setPath(path);
    event.setPathParameters(Map.of("proxy", path.substring(1)));
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.put("X-Tracking-Code", "ABCD-EFGH");
    event.setHeaders(headers);
    event.setMultiValueHeaders(null);

    // when the function handles it
    APIGatewayProxyResponseEvent response = function.handleRequest(event, new MockLambdaContext());

    // then the API's own conversion handler answers, as on the HTTP server
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(json(response.getBody()).get("detail").toString()).contains("id");
  }

  private static String contentType(APIGatewayProxyResponseEvent response) {
    if (response.getHeaders() != null) {
      for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
        if (header.getKey().equalsIgnoreCase("Content-Type")) {
          return header.getValue();
        }
      }
    }
    if (response.getMultiValueHeaders() != null) {
      for (var header : response.getMultiValueHeaders().entrySet()) {
        if (header.getKey().equalsIgnoreCase("Content-Type") && !header.getValue().isEmpty()) {
          return header.getValue().get(0);
        }
      }
    }
    return "";
  }

  private static Map<String, Object> json(String body) throws IOException {
    assertThat(body).isNotBlank();
    return JSON.readValue(body, new TypeReference<>() {});
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    assertThat(parent).containsKey(key);
    return (Map<String, Object>) parent.get(key);
  }
}
