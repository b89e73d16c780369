package io.deploycheck.registry;

import io.deploycheck.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.diagnosis.RegistryFact.Outcome;
import io.deploycheck.registry.EcrMock.Image;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/** EcrInspector against a local endpoint speaking ECR's JSON 1.1 protocol (see {@link EcrMock} for the sources). */
class EcrInspectorIT {
  private static final String REGISTRY = EcrMock.ACCOUNT + ".dkr.ecr.ap-northeast-2.amazonaws.com";
  private static final String IMAGE = REGISTRY + "/ml-model-california-housing:3f9c2e1";
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final String DIGEST = "sha256:d1fbb74d3e14bce3a324a08c0e89ba99285c28a6886c295871d86f853e1821fc";
  // Real ECR answers: https://github.com/ministryofjustice/modernisation-platform-environments/pull/10067
  private static final String ACCESS_DENIED = "User: arn:aws:sts::509399598587:assumed-role/ecr-access/GitHubActions"
      + " is not authorized to perform: ecr:DescribeImages on resource:"
      + " arn:aws:ecr:eu-west-2:509399598587:repository/moj-analytical-services/analytical-platform-airflow-python-example"
      + " because no identity-based policy allows the ecr:DescribeImages action";
  // https://github.com/trek10inc/ecr-cleaner/issues/2 ("ThrottlingException: Rate exceeded" from ECR)
  private static final String RATE_EXCEEDED = "Rate exceeded";

  private final EcrMock ecr = new EcrMock();
  private final MutableClock clock = new MutableClock(T0);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<EcrClientFactory> factories = new ArrayList<>();

  @AfterEach
  void stop() {
    factories.forEach(EcrClientFactory::close);
    ecr.close();
  }

  private EcrInspector inspector(EcrClientFactory clients) {
    factories.add(clients);
    return new EcrInspector(clients, clock, (operation, outcome) -> requests.add(operation + "=" + outcome));
  }

  private EcrInspector inspector() {
    return inspector(ecr.clients());
  }

  private static Image image(String digestEnd, int minutesAgo, String... tags) {
    return new Image("sha256:" + "0".repeat(64 - digestEnd.length()) + digestEnd, List.of(tags),
        T0.minus(Duration.ofMinutes(minutesAgo)));
  }

  @Test
  void presentImageIsPresent() {
    ecr.repository("ml-model-california-housing", new Image(DIGEST, List.of("3f9c2e1"), T0.minusSeconds(60)));
    RegistryFact fact = inspector().inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.PRESENT);
    assertThat(fact.image()).isEqualTo(IMAGE);
    assertThat(fact.detail()).contains(DIGEST).contains("2026-11-27T09:59:00Z");
    EcrMock.Call call = ecr.calls().get(0);
    assertThat(call.operation()).isEqualTo("DescribeImages");
    assertThat(call.region()).isEqualTo("ap-northeast-2");
    assertThat(call.body().path("registryId").asText()).isEqualTo(EcrMock.ACCOUNT);
    assertThat(call.body().path("imageIds").path(0).path("imageTag").asText()).isEqualTo("3f9c2e1");
    assertThat(requests).containsExactly("DescribeImages=success");
  }

  @Test
  void digestReferencesAreLookedUpByDigest() {
    ecr.repository("ml-model-california-housing", new Image(DIGEST, List.of("3f9c2e1"), T0));
    RegistryFact fact = inspector().inspect(REGISTRY + "/ml-model-california-housing@" + DIGEST, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.PRESENT);
    assertThat(ecr.calls().get(0).body().path("imageIds").path(0).path("imageDigest").asText()).isEqualTo(DIGEST);
  }

  @Test
  void missingRepositorySuggestsTheClosestExistingOne() {
    ecr.repository("ml-model-california-housing").repository("ml-model-boston").repository("kserve-transformer");
    RegistryFact fact = inspector().inspect(REGISTRY + "/ml-model-califronia-housing:3f9c2e1", null);
    assertThat(fact.outcome()).isEqualTo(Outcome.REPOSITORY_MISSING);
    assertThat(fact.detail()).isEqualTo("RepositoryNotFoundException: The repository with name"
        + " 'ml-model-califronia-housing' does not exist in the registry with id '123456789012'");
    assertThat(fact.suggestion()).isEqualTo("ml-model-california-housing");
    assertThat(ecr.calls("DescribeRepositories").get(0).body().path("registryId").asText())
        .isEqualTo(EcrMock.ACCOUNT);
    assertThat(requests).containsExactly("DescribeImages=repository_not_found", "DescribeRepositories=success");
  }

  @Test
  void missingRepositoryWithNothingNearSuggestsNothing() {
    ecr.repository("kserve-transformer");
    RegistryFact fact = inspector().inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.REPOSITORY_MISSING);
    assertThat(fact.suggestion()).isNull();
  }

  @Test
  void suggestionsLookThroughEveryPageOfRepositories() {
    for (int i = 0; i < 1500; i++) {
      ecr.repository(String.format("aaa-service-%04d", i));
    }
    ecr.repository("zz-ml-model-california-housing");
    RegistryFact fact = inspector().inspect(REGISTRY + "/zz-ml-model-california-housng:v1", null);
    assertThat(fact.suggestion()).isEqualTo("zz-ml-model-california-housing");
    assertThat(ecr.calls("DescribeRepositories")).hasSize(2);
    assertThat(ecr.calls("DescribeRepositories").get(1).body().path("nextToken").asText()).isEqualTo("1000");
  }

  @Test
  void missingTagListsTheMostRecentlyPushedTags() {
    ecr.repository("ml-model-california-housing",
        image("1", 600, "v1"), image("2", 5, "9a8b7c6", "latest"), image("3", 60, "3f9c2e0"),
        image("4", 30, "1b2c3d4"), image("5", 300, "v2"), image("6", 400, "v3"), image("7", 1));
    RegistryFact fact = inspector().inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.IMAGE_MISSING);
    assertThat(fact.detail()).isEqualTo("ImageNotFoundException: The image with imageId {imageDigest:'null',"
        + " imageTag:'3f9c2e1'} does not exist within the repository with name 'ml-model-california-housing' in the"
        + " registry with id '123456789012'");
    assertThat(fact.recentTags()).containsExactly("9a8b7c6", "latest", "1b2c3d4", "3f9c2e0", "v2");
    assertThat(ecr.calls("DescribeImages").get(1).body().path("filter").path("tagStatus").asText())
        .isEqualTo("TAGGED");
    assertThat(requests).containsExactly("DescribeImages=image_not_found", "DescribeImages=success");
  }

  @Test
  void accessDeniedIsReportedNotGuessed() {
    ecr.repository("ml-model-california-housing").failNext("DescribeImages", "AccessDeniedException", ACCESS_DENIED);
    RegistryFact fact = inspector().inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.ACCESS_DENIED);
    assertThat(fact.detail()).isEqualTo("AccessDeniedException: " + ACCESS_DENIED);
    assertThat(ecr.calls()).as("no retry of a denial").hasSize(1);
    assertThat(requests).containsExactly("DescribeImages=access_denied");
  }

  @Test
  void throttlingIsRetriedWithBackoffUntilItSucceeds() {
    ecr.repository("ml-model-california-housing", new Image(DIGEST, List.of("3f9c2e1"), T0))
        .failNext("DescribeImages", "ThrottlingException", RATE_EXCEEDED);
    RegistryFact fact = inspector().inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.PRESENT);
    assertThat(ecr.calls("DescribeImages")).as("the SDK retried").hasSize(2);
    assertThat(requests).containsExactly("DescribeImages=success");
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsThrottled() {
    ecr.repository("ml-model-california-housing");
    for (int i = 0; i < 10; i++) {
      ecr.failNext("DescribeImages", "ThrottlingException", RATE_EXCEEDED);
    }
    RegistryFact fact = inspector().inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.THROTTLED);
    assertThat(fact.detail()).isEqualTo("ThrottlingException: Rate exceeded");
    assertThat(ecr.calls("DescribeImages").size()).isBetween(2, 9);
    assertThat(requests).containsExactly("DescribeImages=throttled");
  }

  @Test
  void endpointDownIsUnavailable() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    URI endpoint = closed;
    EcrClientFactory down = new EcrClientFactory(b -> b.endpointOverride(endpoint)
        .credentialsProvider(() -> AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
    RegistryFact fact = inspector(down).inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(fact.detail()).startsWith("ECR endpoint unreachable");
    assertThat(requests).containsExactly("DescribeImages=unavailable");
  }

  @Test
  void noCredentialsMeansNotConsultedAndNoException() {
    // The SDK's own chain with nothing to find: an empty profile file.
    ProfileFile empty = ProfileFile.aggregator().build();
    EcrClientFactory anonymous = new EcrClientFactory(b -> b.endpointOverride(ecr.endpoint())
        .credentialsProvider(AwsCredentialsProviderChain.of(
            ProfileCredentialsProvider.builder().profileFile(empty).profileName("default").build())));
    RegistryFact fact = inspector(anonymous).inspect(IMAGE, null);
    assertThat(fact.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(fact.detail()).isEqualTo("no AWS credentials found");
    assertThat(ecr.calls()).isEmpty();
    assertThat(requests).containsExactly("DescribeImages=unavailable");
  }

  @Test
  void aSecondIdenticalAskIsAnsweredFromTheCacheForTenMinutes() {
    ecr.repository("other");
    EcrInspector inspector = inspector();
    RegistryFact first = inspector.inspect(IMAGE, null);
    assertThat(first.outcome()).as("negative answers are cached too").isEqualTo(Outcome.REPOSITORY_MISSING);
    clock.advance(Duration.ofMinutes(9));
    assertThat(inspector.inspect(IMAGE, null)).isEqualTo(first);
    assertThat(inspector.inspect(IMAGE, " ")).as("a blank override is no override").isEqualTo(first);
    assertThat(ecr.calls("DescribeImages")).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    inspector.inspect(IMAGE, null);
    assertThat(ecr.calls("DescribeImages")).hasSize(2);
  }

  @Test
  void sameImageWrittenDifferentlySharesTheCacheEntry() {
    ecr.repository("model", new Image(DIGEST, List.of("latest"), T0));
    EcrInspector inspector = inspector();
    inspector.inspect(REGISTRY + "/model", null);
    RegistryFact explicit = inspector.inspect(REGISTRY + "/model:latest", null);
    assertThat(explicit.image()).as("named as asked").isEqualTo(REGISTRY + "/model:latest");
    assertThat(explicit.outcome()).isEqualTo(Outcome.PRESENT);
    assertThat(ecr.calls()).hasSize(1);
  }

  @Test
  void concurrentAsksForOneImageMakeOneRequest() throws Exception {
    ecr.repository("ml-model-california-housing", new Image(DIGEST, List.of("3f9c2e1"), T0));
    EcrInspector inspector = inspector();
    ecr.holdAnswers();
    List<RegistryFact> answers = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread thread = new Thread(() -> answers.add(inspector.inspect(IMAGE, null)));
      thread.start();
      threads.add(thread);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> ecr.calls().size() == 1
        && threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == threads.size() - 1);
    ecr.release();
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    assertThat(answers).hasSize(8).allMatch(f -> f.outcome() == Outcome.PRESENT);
    assertThat(ecr.calls()).hasSize(1);
  }

  @Test
  void regionOverrideDecidesWhereToAsk() {
    ecr.repository("ml-model-california-housing", new Image(DIGEST, List.of("3f9c2e1"), T0));
    inspector().inspect(IMAGE, "us-east-1");
    assertThat(ecr.calls().get(0).region()).isEqualTo("us-east-1");
  }

  @Test
  void nonEcrImagesAreNotAskedAbout() {
    EcrInspector inspector = inspector();
    assertThat(inspector.inspect("python:3.9-slim", null)).isNull();
    assertThat(inspector.inspect("ghcr.io/org/model:v1", "us-east-1")).isNull();
    assertThat(inspector.createRepository("public.ecr.aws/nginx/nginx:1.27", null)).isEmpty();
    assertThat(ecr.calls()).isEmpty();
  }

  @Test
  void createsTheMissingRepositoryWithScanOnPushAndMutableTagsOnly() {
    ecr.repository("other");
    EcrInspector inspector = inspector();
    assertThat(inspector.inspect(IMAGE, null).outcome()).isEqualTo(Outcome.REPOSITORY_MISSING);

    RepositoryCreation created = inspector.createRepository(IMAGE, null).orElseThrow();
    assertThat(created.status()).isEqualTo(RepositoryCreation.Status.CREATED);
    assertThat(created.detail()).isEqualTo(REGISTRY + "/ml-model-california-housing");
    assertThat(created.describe()).isEqualTo("Created ECR repository ml-model-california-housing in ap-northeast-2"
        + " (scan on push, mutable tags): " + REGISTRY + "/ml-model-california-housing");
    EcrMock.Call call = ecr.calls("CreateRepository").get(0);
    assertThat(call.body().path("repositoryName").asText()).isEqualTo("ml-model-california-housing");
    assertThat(call.body().path("registryId").asText()).isEqualTo(EcrMock.ACCOUNT);
    assertThat(call.body().path("imageScanningConfiguration").path("scanOnPush").asBoolean()).isTrue();
    assertThat(call.body().path("imageTagMutability").asText()).isEqualTo("MUTABLE");
    assertThat(ecr.calls()).extracting(EcrMock.Call::operation)
        .as("nothing is deleted or changed").containsOnly("DescribeImages", "DescribeRepositories", "CreateRepository");

    assertThat(inspector.inspect(IMAGE, null).outcome()).as("the cached 'missing' was dropped")
        .isEqualTo(Outcome.IMAGE_MISSING);
  }

  @Test
  void creatingAnExistingRepositoryChangesNothing() {
    ecr.repository("ml-model-california-housing");
    RepositoryCreation result = inspector().createRepository(IMAGE, null).orElseThrow();
    assertThat(result.status()).isEqualTo(RepositoryCreation.Status.ALREADY_EXISTS);
    assertThat(result.detail()).isEqualTo("RepositoryAlreadyExistsException: The repository with name"
        + " 'ml-model-california-housing' already exists in the registry with id '123456789012'");
    assertThat(requests).containsExactly("CreateRepository=repository_already_exists");
  }

  @Test
  void aDeniedCreationFailsWithTheReason() {
    String denied = ACCESS_DENIED.replace("ecr:DescribeImages", "ecr:CreateRepository");
    ecr.failNext("CreateRepository", "AccessDeniedException", denied);
    RepositoryCreation result = inspector().createRepository(IMAGE, null).orElseThrow();
    assertThat(result.status()).isEqualTo(RepositoryCreation.Status.FAILED);
    assertThat(result.describe()).startsWith("Could not create ECR repository ml-model-california-housing in"
        + " ap-northeast-2: AccessDeniedException: User:");
    assertThat(requests).containsExactly("CreateRepository=access_denied");
  }
}
