package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.engine.api.Engine;
import io.cityflow.engine.runtime.Json;
import io.cityflow.engine.runtime.Variable;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The intermediate message catch event: correlation keys, buffering, TTL and output mappings. */
class MessageCatchTest {

  private static LocalEngine local;
  private static Engine engine;

  @BeforeAll
  static void start() {
    local = LocalEngine.start(EngineTestSupport.inMemory());
    engine = local.engine();
    deploy(engine, "bpmn/message-catch.bpmn");
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @AfterEach
  void resetClock() {
    engine.resetClock();
  }

  private static long startWaiting(String id) {
    return engine
        .createProcessInstance("message-catch", -1, Map.of("id", id))
        .join()
        .instance()
        .key;
  }

  private static List<String> variableNames(long processInstanceKey) {
    return engine
        .searchVariables(
            new SearchQuery(
                List.of(Criterion.eq("process_instance_key", processInstanceKey)),
                List.of(),
                0,
                100))
        .items()
        .stream()
        .map(v -> v.name)
        .toList();
  }

  @Test
  void messageWithTheSubscriptionsKeyCompletesTheCatchEventAndOutputMappingsDecideWhatIsKept() {
    long key = startWaiting("k-1");

    engine.publishMessage("go", "other-key", 0, null, Map.of()).join();
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    engine.publishMessage("go", "k-1", 0, null, Map.of("answer", "yes", "noise", 1)).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    Variable reply =
        engine
            .searchVariables(
                new SearchQuery(
                    List.of(
                        Criterion.eq("process_instance_key", key), Criterion.eq("name", "reply")),
                    List.of(),
                    0,
                    1))
            .items()
            .get(0);
    assertThat(Json.read(reply.json)).isEqualTo("yes");
    assertThat(reply.scopeKey).isEqualTo(key);
  }

  @Test
  void bufferedMessageCorrelatesWhenTheSubscriptionOpensButOnlyOnce() {
    engine.publishMessage("go", "k-2", 60_000, null, Map.of("answer", "early")).join();

    long first = startWaiting("k-2");
    long second = startWaiting("k-2");

    assertThat(state(engine, first)).isEqualTo("COMPLETED");
    assertThat(state(engine, second)).isEqualTo("ACTIVE");
  }

  @Test
  void messageWhoseTimeToLiveEndedIsNotCorrelated() {
    engine.publishMessage("go", "k-3", 1_000, null, Map.of()).join();

    engine.pinClock(engine.now() + 5_000);
    long key = startWaiting("k-3");

    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    assertThat(variableNames(key)).containsExactly("id");
  }
}
