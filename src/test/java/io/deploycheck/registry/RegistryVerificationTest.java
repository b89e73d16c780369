package io.deploycheck.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.diagnosis.ContainerFacts;
import io.deploycheck.diagnosis.ContainerState;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.RegistryFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryVerificationTest {
  private static final String ECR_IMAGE =
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1";
  private static final String QUEUE = "gcr.io/knative-releases/knative.dev/serving/cmd/queue:v1.15.0";
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  /** Records what it is asked; answers for ECR images only, as the ECR inspector does. */
  private static final class Recording implements RegistryInspector {
    final List<String> asked = new ArrayList<>();

    @Override
    public RegistryFact inspect(String image, String regionOverride) {
      asked.add(image + " @" + regionOverride);
      return image.contains(".dkr.ecr.")
          ? new RegistryFact(image, RegistryFact.Outcome.IMAGE_MISSING, "ImageNotFoundException", null, null) : null;
    }

    @Override
    public Optional<RepositoryCreation> createRepository(String image, String regionOverride) {
      throw new AssertionError("verification never creates");
    }
  }

  private static ContainerFacts container(String name, String image, ContainerState state) {
    return new ContainerFacts(name, image, false, ContainerFacts.Role.MAIN, Map.of(), Map.of(), null, null, null,
        state, null, false, 0);
  }

  private static PodFacts pod(String name, ContainerFacts... containers) {
    return new PodFacts(name, name + "-uid", "predictor", "rev-1", T0, "Pending", false, false, T0, null, "node-1",
        "default", null, List.of(), List.of(containers));
  }

  private final Recording inspector = new Recording();
  private final RegistryVerification verification = new RegistryVerification(inspector);

  // kubelet's waiting reasons and back-off text, as in fixtures/ImageNotFound
  private final List<PodFacts> pods = List.of(
      pod("p1", container("kserve-container", ECR_IMAGE, ContainerState.waiting("ImagePullBackOff",
          "Back-off pulling image \"" + ECR_IMAGE + "\"")), container("queue-proxy", QUEUE, ContainerState.running(T0))),
      pod("p2", container("kserve-container", ECR_IMAGE, ContainerState.waiting("ErrImagePull", null)),
          container("queue-proxy", QUEUE, ContainerState.waiting("ContainerCreating", null))));

  @Test
  void asksOnceAboutEachImageThatFailsToPull() {
    List<RegistryFact> facts = verification.facts(pods, null);
    assertThat(inspector.asked).containsExactly(ECR_IMAGE + " @null");
    assertThat(facts).extracting(RegistryFact::image).containsExactly(ECR_IMAGE);
  }

  @Test
  void passesTheSpecRegionAndHonoursVerifyFalse() {
    RegistrySpec spec = new RegistrySpec();
    spec.setRegion("us-east-1");
    verification.facts(pods, spec);
    assertThat(inspector.asked).containsExactly(ECR_IMAGE + " @us-east-1");

    spec.setVerify(false);
    assertThat(verification.facts(pods, spec)).isEmpty();
    assertThat(inspector.asked).hasSize(1);
  }

  @Test
  void imagesTheInspectorDoesNotKnowMakeNoFact() {
    List<PodFacts> hub = List.of(pod("p3", container("kserve-container", "python:3.9-slim",
        ContainerState.waiting("ErrImagePull", null))));
    assertThat(verification.facts(hub, null)).isEmpty();
    assertThat(inspector.asked).containsExactly("python:3.9-slim @null");
  }
}
