package io.cityflow.cases.worker;

import java.util.Map;

/**
 * The worker of one job type: takes the job's typed variables, makes one domain call, and returns
 * only the variables it changed. Expected business failures are thrown as {@link BpmnError};
 * anything else fails the job so that retries and incidents work.
 */
public interface CaseJobWorker {
  String jobType();

  Map<String, Object> handle(Job job);
}
