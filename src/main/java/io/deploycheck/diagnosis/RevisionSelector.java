package io.deploycheck.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the pods that decide a rollout: those of the selected components, in the newest revision (the component's
 * {@code latestCreatedRevision} when the InferenceService names one, otherwise the revision of the newest pod),
 * running {@code expectedImage} when the check names one. Terminating, Succeeded and Failed pods are left out: they
 * neither fail nor pass a rollout.
 */
final class RevisionSelector {
  private RevisionSelector() {}

  static List<PodFacts> select(Evidence evidence) {
    List<PodFacts> selected = new ArrayList<>();
    for (String component : evidence.spec().components()) {
      List<PodFacts> live = new ArrayList<>();
      for (PodFacts pod : evidence.pods()) {
        if ((pod.component() == null || component.equals(pod.component())) && !pod.terminating()
            && !pod.isFinished()) {
          live.add(pod);
        }
      }
      String revision = newestRevision(evidence, component, live);
      for (PodFacts pod : live) {
        boolean newest = revision == null || revision.equals(pod.revision());
        boolean expected = evidence.spec().expectedImage() == null
            || ImageRef.sameImage(evidence.spec().expectedImage(), pod.mainImage());
        if (newest && expected) {
          selected.add(pod);
        }
      }
    }
    return selected;
  }

  private static String newestRevision(Evidence evidence, String component, List<PodFacts> pods) {
    InferenceServiceFacts isvc = evidence.isvc();
    if (isvc != null && isvc.revisions().get(component) != null) {
      return isvc.revisions().get(component);
    }
    PodFacts newest = null;
    for (PodFacts pod : pods) {
      if (pod.revision() != null && pod.createdAt() != null
          && (newest == null || pod.createdAt().isAfter(newest.createdAt()))) {
        newest = pod;
      }
    }
    return newest == null ? null : newest.revision();
  }
}
