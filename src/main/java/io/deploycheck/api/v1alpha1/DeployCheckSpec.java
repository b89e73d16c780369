package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** What to watch and how patient to be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeployCheckSpec {
  /** Go duration syntax; kept equal to {@code GoDuration.PATTERN} by a test. */
  static final String DURATION = "^([0-9]{1,9}(\\.[0-9]{1,9})?(ns|us|µs|ms|s|m|h)){1,7}$";

  @JsonPropertyDescription("Name of the InferenceService (serving.kserve.io/v1beta1) in this namespace to watch.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(min = 1, max = 63)
  private String inferenceService;

  @JsonPropertyDescription("Components whose pods must become ready: predictor, transformer, explainer."
      + " Default [predictor].")
  private List<Component> components;

  @JsonPropertyDescription("Image the rollout must end up running, e.g."
      + " 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/model:3f9c2e1. Pods running another image do not count.")
  private String expectedImage;

  @JsonPropertyDescription("How long a problem that waiting might fix may last before the check is Stuck."
      + " Go duration (90s, 3m, 1h30m). Default 3m.")
  @Pattern(DURATION)
  @Default("3m")
  private String stuckAfter;

  @JsonPropertyDescription("How long the rollout may take to become Ready before the check is Failed."
      + " Go duration. Default 10m.")
  @Pattern(DURATION)
  @Default("10m")
  private String progressDeadline;

  @JsonPropertyDescription("Registry verification of image-pull diagnoses (ECR).")
  private RegistrySpec registry;

  public String getInferenceService() {
    return inferenceService;
  }

  public void setInferenceService(String inferenceService) {
    this.inferenceService = inferenceService;
  }

  public List<Component> getComponents() {
    return components;
  }

  public void setComponents(List<Component> components) {
    this.components = components;
  }

  public String getExpectedImage() {
    return expectedImage;
  }

  public void setExpectedImage(String expectedImage) {
    this.expectedImage = expectedImage;
  }

  public String getStuckAfter() {
    return stuckAfter;
  }

  public void setStuckAfter(String stuckAfter) {
    this.stuckAfter = stuckAfter;
  }

  public String getProgressDeadline() {
    return progressDeadline;
  }

  public void setProgressDeadline(String progressDeadline) {
    this.progressDeadline = progressDeadline;
  }

  public RegistrySpec getRegistry() {
    return registry;
  }

  public void setRegistry(RegistrySpec registry) {
    this.registry = registry;
  }
}
