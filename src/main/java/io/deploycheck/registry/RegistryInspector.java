package io.deploycheck.registry;

import io.deploycheck.diagnosis.RegistryFact;
import java.util.Optional;

/**
 * Asks a container registry about an image, so image-pull diagnoses rest on the registry's own word rather than on
 * kubelet's (often generic) messages. Implementations never throw for registry or credential problems: they answer
 * with an {@link RegistryFact.Outcome#UNAVAILABLE}-like fact, and the diagnosis falls back to kubelet's messages.
 */
public interface RegistryInspector {
  /**
   * What the registry says about {@code image}.
   *
   * @param regionOverride the region to ask (spec.registry.region), or null to take it from the image host
   * @return null when the image is not one this inspector can ask about (not an ECR image)
   */
  RegistryFact inspect(String image, String regionOverride);

  /**
   * Creates the missing repository of {@code image} (image scanning on push, mutable tags) and changes nothing
   * else. Callers decide first with {@link RepositoryCreationPolicy}.
   *
   * @return empty when the image is not one this inspector can create a repository for
   */
  Optional<RepositoryCreation> createRepository(String image, String regionOverride);
}
