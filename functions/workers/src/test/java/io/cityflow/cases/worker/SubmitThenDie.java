package io.cityflow.cases.worker;

import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.Priority;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.UUID;

/**
 * Run in a child JVM by {@link OutboxCrashIT}: submits one case (committing it and its outbox row)
 * and halts the JVM at once, before any dispatch, the way a killed process stops.
 */
public final class SubmitThenDie {
  private SubmitThenDie() {}

  public static void main(String[] args) {
    ApplicationContext app =
        ApplicationContext.run(
            Map.of(
                "datasources.default.url",
                args[0],
                "datasources.default.username",
                args[1],
                "datasources.default.password",
                args[2],
                "datasources.default.dialect",
                "POSTGRES",
                "flyway.datasources.default.enabled",
                true,
                "cityflow.outbox.dispatcher.enabled",
                false,
                "cityflow.workers.enabled",
                false));
    SubmissionReceipt receipt =
        app.getBean(CaseIntake.class)
            .submit(
                UUID.randomUUID().toString(),
                "h",
                new SubmitCase(
                    CaseType.HOTLINE_TICKET,
                    Channel.WEB,
                    new CitizenContact("孙丽", "13500003333"),
                    "Blocked drain",
                    null,
                    "drainage",
                    null,
                    Priority.NORMAL,
                    "{}",
                    null));
    System.out.println("CASE_ID=" + receipt.caseId());
    System.out.flush();
    Runtime.getRuntime().halt(137);
  }
}
