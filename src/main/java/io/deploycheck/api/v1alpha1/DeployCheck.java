package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Watches one InferenceService's rollout and explains why it is stuck. */
@Group(DeployCheck.GROUP)
@Version(DeployCheck.VERSION)
@Kind("DeployCheck")
@Plural("deploychecks")
@Singular("deploycheck")
@ShortNames("dchk")
@AdditionalPrinterColumn(name = "ISVC", jsonPath = ".spec.inferenceService", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.ready", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "HINT", jsonPath = ".status.shortHint", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class DeployCheck extends CustomResource<DeployCheckSpec, DeployCheckStatus> implements Namespaced {
  public static final String GROUP = "deploycheck.io";
  public static final String VERSION = "v1alpha1";

  @Override
  @JsonPropertyDescription("Which InferenceService to watch and how patient to be.")
  public DeployCheckSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Where the rollout stands, why, and what to do; written by the operator.")
  public DeployCheckStatus getStatus() {
    return super.getStatus();
  }
}
