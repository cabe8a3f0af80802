package io.cityflow.cases.api.open311;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.cityflow.cases.api.function.CaseApiFunctionFixture;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On AWS the case API runs as a Lambda behind API Gateway: a form-encoded Open311 request arrives
 * as a proxy event and is read like the Netty server reads it.
 */
class Open311FunctionTest extends CaseApiFunctionFixture {

  @Test
  void aFormEncodedRequestThroughApiGatewayBecomesACaseAndAnswersInXml() throws IOException {
    // given a partner's key and its POST as API Gateway hands it to the function
    String apiKey =
        function
            .getApplicationContext()
            .getBean(Open311Keys.class)
            .issue("Gateway", "admin")
            .apiKey();
    String body =
        "api_key="
            + apiKey
            + "&service_code=hotline_waste&address_string=Wenhua+Street+8"
            + "&first_name=Na&phone=13912345678"
            + "&description=The+bins+have+not+been+emptied+for+a+week"
            + "&attribute%5Bdistrict%5D=XINGQING_DISTRICT";
    APIGatewayProxyRequestEvent event = post("/api/public/open311/v2/requests.xml", body);

    // when
    APIGatewayProxyResponseEvent response = function.handleRequest(event, new MockLambdaContext());

    // then
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    assertThat(response.getBody())
        .startsWith("<?xml")
        .containsPattern("<service_request_id>YC-\\d{4}-\\d{6}</service_request_id>");
  }

  @Test
  void aBadRequestThroughApiGatewayGetsTheErrorListInXml() throws IOException {
    APIGatewayProxyRequestEvent event =
        post("/api/public/open311/v2/requests.xml", "api_key=o311_unknown&service_code=x");

    APIGatewayProxyResponseEvent response = function.handleRequest(event, new MockLambdaContext());

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getBody()).contains("<errors><error><code>403</code>");
  }

  private APIGatewayProxyRequestEvent post(String path, String body) throws IOException {
    APIGatewayProxyRequestEvent event = recordedEvent("events/apigw-get-health.json");
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.put("content-type", "application/x-www-form-urlencoded");
    headers.put("content-length", String.valueOf(body.length()));
    Map<String, List<String>> multi = new HashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    event.setHeaders(headers);
    event.setMultiValueHeaders(multi);
    event.setHttpMethod("POST");
    event.getRequestContext().setHttpMethod("POST");
    event.setPath(path);
    event.getRequestContext().setPath(path);
    event.setPathParameters(Map.of("proxy", path.substring(1)));
    event.setBody(body);
    return event;
  }
}
