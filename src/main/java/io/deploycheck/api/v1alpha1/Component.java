package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The InferenceService components whose pods a check judges. */
public enum Component {
  PREDICTOR,
  TRANSFORMER,
  EXPLAINER;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
