package io.deploycheck.registry;

import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.RegistryFact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry facts of a check's evidence: the registry's word on each image its pods fail to pull. Only failing
 * pulls are asked about, so a healthy rollout costs no registry request.
 */
public final class RegistryVerification {
  private final RegistryInspector inspector;

  public RegistryVerification(RegistryInspector inspector) {
    this.inspector = inspector;
  }

  /**
   * @param spec the DeployCheck's registry settings ({@code verify}, {@code region}), null for the defaults
   */
  public List<RegistryFact> facts(List<PodFacts> pods, RegistrySpec spec) {
    if (spec != null && Boolean.FALSE.equals(spec.getVerify())) {
      return List.of();
    }
    String region = spec == null ? null : spec.getRegion();
    Set<String> images = new LinkedHashSet<>();
    for (PodFacts pod : pods) {
      images.addAll(pod.imagesFailingToPull());
    }
    List<RegistryFact> facts = new ArrayList<>(images.size());
    for (String image : images) {
      RegistryFact fact = inspector.inspect(image, region);
      if (fact != null) {
        facts.add(fact);
      }
    }
    return facts;
  }
}
