// Run by DeviceEventsLambdaJarIT as a single-file program on the class path of
// target/device-events-lambda.jar alone, as Lambda would run a function of it: creates the handler
// class named in args[0] with its no-argument constructor, as the Lambda runtime does, and invokes
// it args[1] times with the recorded event of args[2] (an EventBridge schedule event), or, for the
// SQS handler, with one batch whose records' bodies are the files args[2..]. Prints one line
// "RESULT <json>" per invocation.
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;

public class InvokeHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    RequestHandler handler =
        (RequestHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    int times = Integer.parseInt(args[1]);
    Object event =
        args[0].endsWith("SqsDeviceEventFunction")
            ? sqsBatch(List.of(args).subList(2, args.length))
            : scheduled(Files.readString(Path.of(args[2])));
    for (int i = 0; i < times; i++) {
      Object result = handler.handleRequest(event, null);
      System.out.println("RESULT " + JSON.writeValueAsString(result));
    }
    System.out.flush();
    ((AutoCloseable) handler).close();
    System.exit(0);
  }

  private static SQSEvent sqsBatch(List<String> files) throws Exception {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (String file : files) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId("m-" + records.size());
      record.setBody(Files.readString(Path.of(file)));
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  private static ScheduledEvent scheduled(String recorded) throws Exception {
    JsonNode json = JSON.readTree(recorded);
    ScheduledEvent event = new ScheduledEvent();
    event.setVersion(json.get("version").asText());
    event.setId(json.get("id").asText());
    event.setDetailType(json.get("detail-type").asText());
    event.setSource(json.get("source").asText());
    event.setAccount(json.get("account").asText());
    event.setTime(DateTime.parse(json.get("time").asText()));
    event.setRegion(json.get("region").asText());
    List<String> resources = new ArrayList<>();
    json.get("resources").forEach(resource -> resources.add(resource.asText()));
    event.setResources(resources);
    event.setDetail(Map.of());
    return event;
  }
}
