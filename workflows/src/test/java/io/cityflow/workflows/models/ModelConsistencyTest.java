package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Error;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.cityflow.workflows.contract.MessageNames;
import io.cityflow.workflows.contract.ProcessIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps models, contract, forms and docs in step: what a model names must exist, and every model
 * must be readable by the engine and by a person.
 */
class ModelConsistencyTest {

  /** Ids Camunda Modeler generates, such as {@code Flow_0h8v107}; ours say what the element is. */
  private static final Pattern MODELER_DEFAULT_ID =
      Pattern.compile(
          "(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|SubProcess|CallActivity"
              + "|Process|Definitions|Message|Error|Timer|DataObjectReference)_[0-9a-z]{7}");

  static List<Path> bpmnFiles() {
    return Models.bpmnFiles();
  }

  @Test
  void everyContractProcessHasAModel() {
    Set<String> files =
        bpmnFiles().stream().map(Models::baseName).collect(Collectors.toCollection(TreeSet::new));

    assertThat(files).containsAll(Contract.declared(ProcessIds.class));
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void modelParsesAndValidatesWithProcessIdEqualToFileName(Path file) {
    BpmnModelInstance model = Models.readBpmn(file);

    assertThatCode(() -> Bpmn.validateModel(model)).doesNotThrowAnyException();
    assertThat(processIds(model)).containsExactly(Models.baseName(file));
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyJobTypeIsInTheContract(Path file) {
    Set<String> used = values(file, ZeebeTaskDefinition.class, ZeebeTaskDefinition::getType);

    assertThat(Contract.jobTypes()).containsAll(used);
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyMessageNameIsInTheContract(Path file) {
    Set<String> used = values(file, Message.class, Message::getName);

    assertThat(Contract.messageNames()).containsAll(used);
  }

  /**
   * A message nobody publishes leaves its process waiting for ever. The senders are the case API,
   * the outbox dispatcher and the device-events function; a sender names the message through its
   * contract constant (or, until it moves there, its literal name).
   */
  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyMessageHasASender(Path file) {
    for (String name : values(file, Message.class, Message::getName)) {
      String constant = "MessageNames." + Contract.constantName(MessageNames.class, name);

      assertThat(Models.senderSources())
          .as("a sender of %s in functions/*/src/main/java", name)
          .containsAnyOf(constant, '"' + name + '"');
    }
  }

  /**
   * A form field's value becomes a process variable when the task is completed, so a field must be
   * one the model reads or its docs page lists: a renamed field or variable shows up here.
   */
  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyTaskFormFieldIsAVariableOfTheProcess(Path file) throws IOException {
    String model = Files.readString(file);
    String docs = Files.readString(Models.PROCESS_DOCS.resolve(Models.baseName(file) + ".md"));
    List<String> unknown = new ArrayList<>();
    for (String formId : values(file, ZeebeFormDefinition.class, ZeebeFormDefinition::getFormId)) {
      for (String field : Models.formFieldKeys(Models.FORMS.resolve(formId + ".form"))) {
        boolean readByModel = Pattern.compile("\\b" + field + "\\b").matcher(model).find();
        if (!readByModel && !docs.contains("`" + field + "`")) {
          unknown.add(formId + "." + field);
        }
      }
    }

    assertThat(unknown)
        .as("form fields neither read by %s nor listed on its docs page", file)
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyErrorCodeIsInTheContract(Path file) {
    Set<String> used = values(file, Error.class, Error::getErrorCode);

    assertThat(Contract.errorCodes()).containsAll(used);
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyFormIdHasAFormFile(Path file) {
    Set<String> formIds = values(file, ZeebeFormDefinition.class, ZeebeFormDefinition::getFormId);

    assertThat(formIds)
        .allSatisfy(id -> assertThat(Models.FORMS.resolve(id + ".form")).isRegularFile());
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyCalledProcessHasAModelAndAContractId(Path file) {
    Set<String> called = values(file, ZeebeCalledElement.class, ZeebeCalledElement::getProcessId);
    Set<String> modelled =
        bpmnFiles().stream().map(Models::baseName).collect(Collectors.toCollection(TreeSet::new));

    assertThat(modelled).containsAll(called);
    assertThat(Contract.processIds()).containsAll(called);
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyCalledDecisionExists(Path file) {
    Set<String> called =
        values(file, ZeebeCalledDecision.class, ZeebeCalledDecision::getDecisionId);
    Set<String> decisions =
        Models.dmnFiles().stream()
            .flatMap(dmn -> Models.decisionIds(dmn).stream())
            .collect(Collectors.toSet());

    assertThat(decisions).containsAll(called);
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyProcessHasADocsPage(Path file) {
    assertThat(Models.PROCESS_DOCS.resolve(Models.baseName(file) + ".md")).isRegularFile();
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void noIdIsAModelerDefault(Path file) {
    Set<String> ids = values(file, BaseElement.class, BaseElement::getId);

    assertThat(ids).noneMatch(id -> MODELER_DEFAULT_ID.matcher(id).matches());
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyFlowNodeHasAShapeAndEveryFlowAnEdge(Path file) {
    BpmnModelInstance model = Models.readBpmn(file);
    Set<String> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(shape -> shape.getBpmnElement().getId())
            .collect(Collectors.toSet());
    Set<String> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(edge -> edge.getBpmnElement().getId())
            .collect(Collectors.toSet());

    assertThat(shapes).containsAll(values(file, FlowNode.class, FlowNode::getId));
    assertThat(edges).containsAll(values(file, SequenceFlow.class, SequenceFlow::getId));
  }

  @Test
  void everyDecisionTableIsADecisionOfTheContract() {
    Set<String> tables =
        Models.dmnFiles().stream()
            .flatMap(dmn -> Models.decisionIds(dmn).stream())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(tables).isEqualTo(Contract.decisionIds());
  }

  @Test
  void everyDecisionIdEqualsItsFileName() {
    assertThat(Models.dmnFiles())
        .isNotEmpty()
        .allSatisfy(
            dmn -> assertThat(Models.decisionIds(dmn)).containsExactly(Models.baseName(dmn)));
  }

  @Test
  void formsAndDocsFoldersExist() {
    assertThat(Files.isDirectory(Models.FORMS)).isTrue();
    assertThat(Files.isDirectory(Models.PROCESS_DOCS)).isTrue();
  }

  private static List<String> processIds(BpmnModelInstance model) {
    return model.getModelElementsByType(Process.class).stream().map(Process::getId).toList();
  }

  private static <T extends org.camunda.bpm.model.xml.instance.ModelElementInstance>
      Set<String> values(Path file, Class<T> type, Function<T, String> value) {
    return Models.readBpmn(file).getModelElementsByType(type).stream()
        .map(value)
        .filter(v -> v != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
