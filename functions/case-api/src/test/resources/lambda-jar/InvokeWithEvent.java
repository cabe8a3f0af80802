// Run by CaseApiLambdaJarIT as a single-file program on the classpath of target/case-api-lambda.jar
// alone, as Lambda would: creates the handler with its no-argument constructor and sends it the
// recorded event given as the first argument, once as recorded and once with the path in args[1].
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cityflow.cases.api.function.CaseApiFunction;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.nio.file.Files;
import java.nio.file.Path;

public class InvokeWithEvent {
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    String recorded = Files.readString(Path.of(args[0]));
    CaseApiFunction function = new CaseApiFunction();
    APIGatewayProxyRequestEvent event = json.readValue(recorded, APIGatewayProxyRequestEvent.class);
    print("RECORDED", function.handleRequest(event, new MockLambdaContext()));
    event = json.readValue(recorded, APIGatewayProxyRequestEvent.class);
    event.setPath(args[1]);
    event.getRequestContext().setPath(args[1]);
    print("OTHER", function.handleRequest(event, new MockLambdaContext()));
    System.exit(0);
  }

  private static void print(String label, APIGatewayProxyResponseEvent response) {
    System.out.println(label + " STATUS " + response.getStatusCode());
    System.out.println(label + " BODY " + response.getBody());
  }
}
