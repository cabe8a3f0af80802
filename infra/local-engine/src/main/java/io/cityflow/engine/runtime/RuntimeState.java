package io.cityflow.engine.runtime;

import io.cityflow.engine.model.ElementKind;
import io.cityflow.engine.model.Node;
import io.cityflow.engine.runtime.Changes.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The engine's working state: every active object, indexed the way the behaviours look it up. Only
 * the command loop touches it. Each change is also recorded in {@link #changes()}, which the loop
 * writes to the database at the end of a batch.
 */
public final class RuntimeState {

  /** A due date and the key of the object that is due; stale entries are skipped when popped. */
  record Due(long at, long key) {}

  private static final Comparator<Due> BY_TIME =
      Comparator.comparingLong(Due::at).thenComparingLong(Due::key);

  private final Changes changes = new Changes();
  private long nextKey;

  final Map<Long, ProcessDefinition> definitions = new HashMap<>();
  final Map<String, ProcessDefinition> latestDefinitions = new HashMap<>();
  final Map<Long, Form> forms = new HashMap<>();
  final Map<String, Form> latestForms = new HashMap<>();
  final Map<Long, DecisionRequirements> decisionRequirements = new HashMap<>();
  final Map<String, DecisionRequirements> latestDecisionRequirements = new HashMap<>();
  final Map<Long, Decision> decisions = new HashMap<>();
  final Map<String, Decision> latestDecisions = new HashMap<>();

  final Map<Long, ProcessInstance> instances = new HashMap<>();
  final Map<Long, ProcessInstance> instanceOfElement = new HashMap<>();
  final Map<Long, Map<String, Variable>> scopes = new HashMap<>();
  final Map<String, Set<String>> activeStartKeys = new HashMap<>();

  final Map<Long, Job> jobs = new HashMap<>();
  final Map<String, LinkedHashSet<Long>> activatable = new HashMap<>();
  final PriorityQueue<Due> jobDeadlines = new PriorityQueue<>(BY_TIME);
  final PriorityQueue<Due> jobBackOffs = new PriorityQueue<>(BY_TIME);

  final Map<Long, UserTask> userTasks = new HashMap<>();
  final Map<Long, MessageSubscription> subscriptions = new HashMap<>();
  final Map<String, List<MessageSubscription>> subscriptionsByName = new HashMap<>();
  final Map<Long, Message> messages = new LinkedHashMap<>();
  final Map<String, List<Message>> messagesByName = new HashMap<>();
  final Set<String> messageIds = new HashSet<>();
  final PriorityQueue<Due> messageExpiries = new PriorityQueue<>(BY_TIME);
  final Map<Long, Timer> timers = new HashMap<>();
  final PriorityQueue<Due> timerQueue = new PriorityQueue<>(BY_TIME);
  final Map<Long, Incident> incidents = new HashMap<>();

  /** The records of active element instances (and process instances), by element key. */
  final Map<Long, ElementInstanceRecord> elementRecords = new HashMap<>();

  private LongSupplier clock = System::currentTimeMillis;

  public RuntimeState(long nextKey) {
    this.nextKey = nextKey;
  }

  public Changes changes() {
    return changes;
  }

  /** The engine clock, for the start and end dates of element-instance records. */
  public void useClock(LongSupplier clock) {
    this.clock = clock;
  }

  long newKey() {
    long key = nextKey++;
    changes.nextKey(nextKey);
    return key;
  }

  // Loading: the store hands back committed rows, already marked as persisted.

  public void restore(ProcessDefinition definition) {
    definitions.put(definition.key, definition);
    ProcessDefinition latest = latestDefinitions.get(definition.bpmnProcessId);
    if (latest == null || latest.version < definition.version) {
      latestDefinitions.put(definition.bpmnProcessId, definition);
    }
  }

  public void restore(Form form) {
    forms.put(form.key, form);
    Form latest = latestForms.get(form.formId);
    if (latest == null || latest.version < form.version) {
      latestForms.put(form.formId, form);
    }
  }

  public void restore(DecisionRequirements requirements) {
    decisionRequirements.put(requirements.key, requirements);
    DecisionRequirements latest =
        latestDecisionRequirements.get(requirements.decisionRequirementsId);
    if (latest == null || latest.version < requirements.version) {
      latestDecisionRequirements.put(requirements.decisionRequirementsId, requirements);
    }
  }

  public void restore(Decision decision) {
    decisions.put(decision.key, decision);
    Decision latest = latestDecisions.get(decision.decisionId);
    if (latest == null || latest.version < decision.version) {
      latestDecisions.put(decision.decisionId, decision);
    }
  }

  public void restore(ProcessInstance instance) {
    indexInstance(instance);
  }

  public void restore(Variable variable) {
    variable.value = Json.read(variable.json);
    scopes.computeIfAbsent(variable.scopeKey, k -> new HashMap<>()).put(variable.name, variable);
  }

  public void restore(Job job) {
    indexJob(job);
  }

  public void restore(UserTask task) {
    userTasks.put(task.key, task);
  }

  public void restore(MessageSubscription subscription) {
    indexSubscription(subscription);
  }

  public void restore(Message message) {
    indexMessage(message);
  }

  public void restore(Timer timer) {
    indexTimer(timer);
  }

  public void restore(Incident incident) {
    incidents.put(incident.key, incident);
  }

  public void restore(ElementInstanceRecord record) {
    elementRecords.put(record.key, record);
  }

  // Definitions and forms.

  void addDefinition(ProcessDefinition definition) {
    restore(definition);
    changes.write(Kind.DEFINITION, definition);
  }

  void addForm(Form form) {
    restore(form);
    changes.write(Kind.FORM, form);
  }

  void addDecisionRequirements(DecisionRequirements requirements) {
    restore(requirements);
    changes.write(Kind.DECISION_REQUIREMENTS, requirements);
  }

  void addDecision(Decision decision) {
    restore(decision);
    changes.write(Kind.DECISION, decision);
  }

  // Process instances.

  void putInstance(ProcessInstance instance) {
    indexInstance(instance);
    changes.write(Kind.INSTANCE, instance);
    if (!elementRecords.containsKey(instance.key)) {
      ElementInstanceRecord record = record(instance, instance.key, instance.bpmnProcessId);
      record.elementName = instance.processDefinitionName;
      record.type = "PROCESS";
      record.flowScopeKey = instance.parentElementInstanceKey;
    }
  }

  void touch(ProcessInstance instance) {
    changes.write(Kind.INSTANCE, instance);
  }

  void addElement(ProcessInstance instance, ElementInstance element) {
    instance.elements.put(element.key, element);
    instanceOfElement.put(element.key, instance);
    touch(instance);
    ElementInstanceRecord record = record(instance, element.key, element.elementId);
    record.flowScopeKey = element.parentKey == null ? instance.key : element.parentKey;
    ProcessDefinition definition = definitions.get(instance.processDefinitionKey);
    Node node = definition == null ? null : definition.graph.nodes().get(element.elementId);
    record.elementName = node == null ? null : node.name;
    record.type = node == null ? "UNKNOWN" : elementType(node.kind);
  }

  /** An element that leaves by completing. */
  void removeElement(ProcessInstance instance, ElementInstance element) {
    instance.elements.remove(element.key);
    instanceOfElement.remove(element.key);
    scopes.remove(element.key);
    touch(instance);
    endRecord(element.key, ElementInstanceRecord.COMPLETED, element.isLoopBody());
  }

  /** An element that is terminated: cancelled, interrupted, or ended by a terminate end event. */
  void terminateElement(ProcessInstance instance, ElementInstance element) {
    endRecord(element.key, ElementInstanceRecord.TERMINATED, element.isLoopBody());
    removeElement(instance, element);
  }

  private ElementInstanceRecord record(ProcessInstance instance, long key, String elementId) {
    ElementInstanceRecord record = new ElementInstanceRecord();
    record.key = key;
    record.processInstanceKey = instance.key;
    record.processDefinitionKey = instance.processDefinitionKey;
    record.bpmnProcessId = instance.bpmnProcessId;
    record.elementId = elementId;
    record.state = ElementInstanceRecord.ACTIVE;
    record.startDate = clock.getAsLong();
    elementRecords.put(key, record);
    changes.write(Kind.ELEMENT_INSTANCE, record);
    return record;
  }

  private void endRecord(long key, String endState, boolean loopBody) {
    ElementInstanceRecord record = elementRecords.remove(key);
    if (record == null) {
      return; // ended already, or active since before the engine kept records
    }
    record.state = endState;
    record.endDate = clock.getAsLong();
    if (loopBody) {
      record.type = "MULTI_INSTANCE_BODY";
    }
    changes.write(Kind.ELEMENT_INSTANCE, record);
  }

  private void incidentOnRecord(long elementInstanceKey, Long incidentKey) {
    ElementInstanceRecord record = elementRecords.get(elementInstanceKey);
    if (record != null) {
      record.incidentKey = incidentKey;
      changes.write(Kind.ELEMENT_INSTANCE, record);
    }
  }

  /** Camunda's element type names, as the element-instance search reports them. */
  private static String elementType(ElementKind kind) {
    return switch (kind) {
      case START_EVENT,
          MESSAGE_START_EVENT,
          SIGNAL_START_EVENT,
          TIMER_START_EVENT,
          EVENT_SUB_START_EVENT ->
          "START_EVENT";
      case END_EVENT, ERROR_END_EVENT, TERMINATE_END_EVENT -> "END_EVENT";
      case MESSAGE_CATCH_EVENT, TIMER_CATCH_EVENT, SIGNAL_CATCH_EVENT -> "INTERMEDIATE_CATCH_EVENT";
      default -> kind.name();
    };
  }

  void endInstance(ProcessInstance instance) {
    endRecord(
        instance.key,
        ProcessInstance.COMPLETED.equals(instance.state)
            ? ElementInstanceRecord.COMPLETED
            : ElementInstanceRecord.TERMINATED,
        false);
    instances.remove(instance.key);
    scopes.remove(instance.key);
    for (Long elementKey : instance.elements.keySet()) {
      instanceOfElement.remove(elementKey);
      scopes.remove(elementKey);
    }
    if (instance.startCorrelationKey != null) {
      Set<String> keys = activeStartKeys.get(instance.bpmnProcessId);
      if (keys != null) {
        keys.remove(instance.startCorrelationKey);
      }
    }
    touch(instance);
  }

  private void indexInstance(ProcessInstance instance) {
    if (!ProcessInstance.ACTIVE.equals(instance.state)) {
      return;
    }
    instances.put(instance.key, instance);
    for (Long elementKey : instance.elements.keySet()) {
      instanceOfElement.put(elementKey, instance);
    }
    if (instance.startCorrelationKey != null) {
      activeStartKeys
          .computeIfAbsent(instance.bpmnProcessId, k -> new HashSet<>())
          .add(instance.startCorrelationKey);
    }
  }

  // Variables.

  Map<String, Variable> scope(long scopeKey) {
    return scopes.getOrDefault(scopeKey, Map.of());
  }

  void setVariable(long scopeKey, long processInstanceKey, String name, Object value) {
    Map<String, Variable> scope = scopes.computeIfAbsent(scopeKey, k -> new HashMap<>());
    Variable variable = scope.get(name);
    if (variable == null) {
      variable = new Variable();
      variable.key = newKey();
      variable.name = name;
      variable.scopeKey = scopeKey;
      variable.processInstanceKey = processInstanceKey;
      scope.put(name, variable);
    }
    variable.value = value;
    variable.json = Json.write(value);
    changes.write(Kind.VARIABLE, variable);
  }

  // Jobs.

  void putJob(Job job) {
    indexJob(job);
    changes.write(Kind.JOB, job);
  }

  /** Call after changing a job's state, so that the indexes follow. */
  void updateJob(Job job) {
    LinkedHashSet<Long> queue = activatable.get(job.type);
    if (queue != null) {
      queue.remove(job.key);
    }
    indexJob(job);
    changes.write(Kind.JOB, job);
  }

  void removeJob(Job job) {
    jobs.remove(job.key);
    LinkedHashSet<Long> queue = activatable.get(job.type);
    if (queue != null) {
      queue.remove(job.key);
    }
    changes.delete(Kind.JOB, job);
  }

  private void indexJob(Job job) {
    jobs.put(job.key, job);
    switch (job.state) {
      case Job.ACTIVATABLE ->
          activatable.computeIfAbsent(job.type, k -> new LinkedHashSet<>()).add(job.key);
      case Job.ACTIVATED -> jobDeadlines.add(new Due(job.deadline, job.key));
      case Job.BACKING_OFF -> jobBackOffs.add(new Due(job.retryAt, job.key));
      default -> {}
    }
  }

  List<Job> takeActivatable(String type, int max) {
    LinkedHashSet<Long> queue = activatable.get(type);
    List<Job> taken = new ArrayList<>();
    if (queue == null) {
      return taken;
    }
    var iterator = queue.iterator();
    while (iterator.hasNext() && taken.size() < max) {
      taken.add(jobs.get(iterator.next()));
      iterator.remove();
    }
    return taken;
  }

  boolean hasActivatable(String type) {
    LinkedHashSet<Long> queue = activatable.get(type);
    return queue != null && !queue.isEmpty();
  }

  // User tasks.

  void putUserTask(UserTask task) {
    userTasks.put(task.key, task);
    changes.write(Kind.USER_TASK, task);
  }

  void endUserTask(UserTask task) {
    userTasks.remove(task.key);
    changes.write(Kind.USER_TASK, task);
  }

  // Messages and subscriptions.

  static String nameKey(String name, String correlationKey) {
    return name + '\u0000' + correlationKey;
  }

  void putSubscription(MessageSubscription subscription) {
    indexSubscription(subscription);
    changes.write(Kind.SUBSCRIPTION, subscription);
  }

  void removeSubscription(MessageSubscription subscription) {
    subscriptions.remove(subscription.key);
    List<MessageSubscription> list =
        subscriptionsByName.get(nameKey(subscription.messageName, subscription.correlationKey));
    if (list != null) {
      list.remove(subscription);
    }
    changes.delete(Kind.SUBSCRIPTION, subscription);
  }

  private void indexSubscription(MessageSubscription subscription) {
    subscriptions.put(subscription.key, subscription);
    subscriptionsByName
        .computeIfAbsent(
            nameKey(subscription.messageName, subscription.correlationKey), k -> new ArrayList<>())
        .add(subscription);
  }

  void putMessage(Message message) {
    indexMessage(message);
    changes.write(Kind.MESSAGE, message);
  }

  void touch(Message message) {
    changes.write(Kind.MESSAGE, message);
  }

  void removeMessage(Message message) {
    messages.remove(message.key);
    List<Message> list = messagesByName.get(nameKey(message.name, message.correlationKey));
    if (list != null) {
      list.remove(message);
    }
    if (message.messageId != null) {
      messageIds.remove(messageIdKey(message.name, message.correlationKey, message.messageId));
    }
    changes.delete(Kind.MESSAGE, message);
  }

  static String messageIdKey(String name, String correlationKey, String messageId) {
    return nameKey(name, correlationKey) + '\u0000' + messageId;
  }

  private void indexMessage(Message message) {
    messages.put(message.key, message);
    messagesByName
        .computeIfAbsent(nameKey(message.name, message.correlationKey), k -> new ArrayList<>())
        .add(message);
    if (message.messageId != null) {
      messageIds.add(messageIdKey(message.name, message.correlationKey, message.messageId));
    }
    messageExpiries.add(new Due(message.expiresAt, message.key));
  }

  // Timers.

  void putTimer(Timer timer) {
    indexTimer(timer);
    changes.write(Kind.TIMER, timer);
  }

  void removeTimer(Timer timer) {
    timers.remove(timer.key);
    changes.delete(Kind.TIMER, timer);
  }

  private void indexTimer(Timer timer) {
    timers.put(timer.key, timer);
    timerQueue.add(new Due(timer.dueDate, timer.key));
  }

  // Incidents.

  void putIncident(Incident incident) {
    incidents.put(incident.key, incident);
    changes.write(Kind.INCIDENT, incident);
    incidentOnRecord(incident.elementInstanceKey, incident.key);
  }

  void endIncident(Incident incident) {
    incidents.remove(incident.key);
    changes.write(Kind.INCIDENT, incident);
    incidentOnRecord(incident.elementInstanceKey, null);
  }
}
