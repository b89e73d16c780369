package io.deploycheck.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
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
      List<PodFacts> live = evidence.pods().stream()
          .filter(p -> p.component() == null || component.equals(p.component()))
          .filter(p -> !p.terminating() && !p.isFinished())
          .toList();
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
    return pods.stream()
        .filter(p -> p.revision() != null && p.createdAt() != null)
        .max(Comparator.comparing(PodFacts::createdAt))
        .map(PodFacts::revision)
        .orElse(null);
  }
}
