package io.deploycheck.registry;

import io.deploycheck.diagnosis.ImageRef;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * Where an ECR image lives, in the terms of ECR's API: the registry (account) id, the region to ask, the repository,
 * and the tag or digest. Also the cache key, so one answer serves every pod and reconcile that asks the same.
 *
 * @param tag null when the image is pinned by digest: the runtime pulls the digest and ignores the tag
 */
record EcrTarget(String registry, String account, String region, String repository, String tag, String digest) {

  /** The target of an image reference, or null when it is not an ECR image. */
  static EcrTarget of(String image, String regionOverride) {
    ImageRef ref = ImageRef.parse(image);
    if (ref == null || !ref.isEcr()) {
      return null;
    }
    String region = regionOverride == null || regionOverride.isBlank() ? ref.ecrRegion() : regionOverride.trim();
    return new EcrTarget(ref.registry(), ref.ecrAccount(), region, ref.repository(),
        ref.digest() == null ? ref.effectiveTag() : null, ref.digest());
  }

  ImageIdentifier imageId() {
    return digest != null ? ImageIdentifier.builder().imageDigest(digest).build()
        : ImageIdentifier.builder().imageTag(tag).build();
  }

  /** The image in canonical form, as the facts name it. */
  String image() {
    return registry + "/" + repository + (digest != null ? "@" + digest : ":" + tag);
  }

  boolean sameRepository(EcrTarget other) {
    return registry.equals(other.registry) && region.equals(other.region) && repository.equals(other.repository);
  }
}
