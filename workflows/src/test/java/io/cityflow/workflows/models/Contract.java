package io.cityflow.workflows.models;

import io.cityflow.workflows.contract.DecisionIds;
import io.cityflow.workflows.contract.ErrorCodes;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.MessageNames;
import io.cityflow.workflows.contract.ProcessIds;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/** The names of the workflow contract, read by reflection so that no list is kept twice. */
final class Contract {
  private Contract() {}

  static Set<String> jobTypes() {
    return declared(JobTypes.class);
  }

  static Set<String> messageNames() {
    return declared(MessageNames.class);
  }

  static Set<String> errorCodes() {
    return declared(ErrorCodes.class);
  }

  static Set<String> processIds() {
    return declared(ProcessIds.class);
  }

  static Set<String> decisionIds() {
    return declared(DecisionIds.class);
  }

  /** The name of the constant of a contract class that holds {@code value}. */
  static String constantName(Class<?> holder, String value) {
    for (Field field : holder.getDeclaredFields()) {
      try {
        if (Modifier.isStatic(field.getModifiers()) && value.equals(field.get(null))) {
          return field.getName();
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + field, e);
      }
    }
    throw new IllegalArgumentException(holder.getSimpleName() + " has no constant " + value);
  }

  /** The values of the public string constants of a contract class. */
  static Set<String> declared(Class<?> holder) {
    Set<String> values = new TreeSet<>();
    for (Field field : holder.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers)
          && Modifier.isFinal(modifiers)
          && field.getType() == String.class
          && !field.isAnnotationPresent(Deprecated.class)) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return values;
  }
}
