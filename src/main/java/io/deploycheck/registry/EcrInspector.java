package io.deploycheck.registry;

import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.diagnosis.RegistryFact.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * Asks Amazon ECR about an image: DescribeImages for the tag or digest, then, when it is missing, DescribeRepositories
 * for the closest existing repository or DescribeImages for the most recently pushed tags. Answers are cached per
 * (registry, region, repository, tag or digest) for {@link #CACHE_FOR}, negative ones and failures included, with
 * one request in flight per key. Retries with backoff on throttling are the SDK's (standard AWS retry settings).
 */
public final class EcrInspector implements RegistryInspector {
  private static final Duration CACHE_FOR = Duration.ofMinutes(10);
  private static final int RECENT_TAGS = 5;
  /** Listings stop after this many pages (1,000 items each): a suggestion must not cost a scan of a huge registry. */
  private static final int MAX_PAGES = 5;
  private static final int PAGE_SIZE = 1000;
  private static final String SUCCESS = "success";
  private static final Logger LOG = LoggerFactory.getLogger(EcrInspector.class);

  private final Function<String, EcrClient> clients;
  private final BiConsumer<String, String> requests;
  private final ExpiringCache<EcrTarget, RegistryFact> facts;

  /**
   * @param clients the ECR client for a region (see {@link EcrClientFactory})
   * @param requests told (operation, outcome) for every ECR request: operation is DescribeImages,
   *     DescribeRepositories or CreateRepository; outcome is success, repository_not_found, image_not_found,
   *     repository_already_exists, access_denied, throttled, error (another ECR error) or unavailable (no
   *     credentials, endpoint unreachable)
   */
  public EcrInspector(Function<String, EcrClient> clients, Clock clock, BiConsumer<String, String> requests) {
    this.clients = clients;
    this.requests = requests;
    this.facts = new ExpiringCache<>(CACHE_FOR, clock);
  }

  @Override
  public RegistryFact inspect(String image, String regionOverride) {
    EcrTarget target = EcrTarget.of(image, regionOverride);
    if (target == null) {
      return null;
    }
    RegistryFact fact = facts.get(target, this::lookUp);
    return fact.image().equals(image) ? fact
        : new RegistryFact(image, fact.outcome(), fact.detail(), fact.suggestion(), fact.recentTags());
  }

  @Override
  public Optional<RepositoryCreation> createRepository(String image, String regionOverride) {
    EcrTarget target = EcrTarget.of(image, regionOverride);
    if (target == null) {
      return Optional.empty();
    }
    RepositoryCreation.Status status;
    String detail;
    try {
      CreateRepositoryResponse created = request("CreateRepository", () -> clients.apply(target.region())
          .createRepository(r -> r.registryId(target.account()).repositoryName(target.repository())
              .imageScanningConfiguration(s -> s.scanOnPush(true))
              .imageTagMutability(ImageTagMutability.MUTABLE)));
      status = RepositoryCreation.Status.CREATED;
      detail = created.repository().repositoryUri();
    } catch (RepositoryAlreadyExistsException e) {
      status = RepositoryCreation.Status.ALREADY_EXISTS;
      detail = EcrErrors.why(e);
    } catch (SdkException e) {
      status = RepositoryCreation.Status.FAILED;
      detail = EcrErrors.why(e);
    } finally {
      // Whatever happened, the cached "repository missing" answers for it may be stale now.
      facts.invalidate(target::sameRepository);
    }
    return Optional.of(new RepositoryCreation(status, target.repository(), target.region(), detail));
  }

  private RegistryFact lookUp(EcrTarget target) {
    try {
      EcrClient ecr = clients.apply(target.region());
      try {
        DescribeImagesResponse found = request("DescribeImages", () -> ecr.describeImages(r -> r
            .registryId(target.account()).repositoryName(target.repository()).imageIds(target.imageId())));
        if (found.imageDetails().isEmpty()) {
          return new RegistryFact(target.image(), Outcome.IMAGE_MISSING, "DescribeImages returned no image", null,
              recentTags(ecr, target));
        }
        ImageDetail image = found.imageDetails().get(0);
        return new RegistryFact(target.image(), Outcome.PRESENT,
            "pushed " + image.imagePushedAt() + ", digest " + image.imageDigest(), null, List.of());
      } catch (RepositoryNotFoundException e) {
        return new RegistryFact(target.image(), Outcome.REPOSITORY_MISSING, EcrErrors.why(e),
            closestRepository(ecr, target), List.of());
      } catch (ImageNotFoundException e) {
        return new RegistryFact(target.image(), Outcome.IMAGE_MISSING, EcrErrors.why(e), null,
            recentTags(ecr, target));
      }
    } catch (SdkException e) {
      return new RegistryFact(target.image(), EcrErrors.outcome(e), EcrErrors.why(e), null, List.of());
    } catch (RuntimeException e) {
      // A bug or an SDK surprise must not take the diagnosis down: it degrades to kubelet's messages.
      LOG.warn("Asking ECR about {} failed unexpectedly", target.image(), e);
      return new RegistryFact(target.image(), Outcome.UNAVAILABLE, "unexpected error: " + e, null, List.of());
    }
  }

  private String closestRepository(EcrClient ecr, EcrTarget target) {
    List<Repository> repositories = listAll("DescribeRepositories", token -> ecr.describeRepositories(r -> r
            .registryId(target.account()).maxResults(PAGE_SIZE).nextToken(token)),
        DescribeRepositoriesResponse::repositories, DescribeRepositoriesResponse::nextToken);
    return RepositoryNames.closest(target.repository(),
        repositories.stream().map(Repository::repositoryName).toList());
  }

  private List<String> recentTags(EcrClient ecr, EcrTarget target) {
    List<ImageDetail> images = listAll("DescribeImages", token -> ecr.describeImages(r -> r
            .registryId(target.account()).repositoryName(target.repository())
            .filter(f -> f.tagStatus(TagStatus.TAGGED)).maxResults(PAGE_SIZE).nextToken(token)),
        DescribeImagesResponse::imageDetails, DescribeImagesResponse::nextToken);
    return images.stream()
        .sorted(Comparator.comparing(ImageDetail::imagePushedAt, Comparator.nullsLast(Comparator.reverseOrder())))
        .flatMap(image -> image.imageTags().stream())
        .distinct()
        .limit(RECENT_TAGS)
        .toList();
  }

  /**
   * The items of up to {@link #MAX_PAGES} pages. A failure ends the listing with what was gathered: listings only
   * enrich an answer that is already known (a suggestion, recent tags), so they never spoil it.
   */
  private <P, T> List<T> listAll(String operation, Function<String, P> page, Function<P, List<T>> items,
      Function<P, String> next) {
    List<T> all = new ArrayList<>();
    String token = null;
    try {
      for (int pages = 0; pages < MAX_PAGES && (pages == 0 || token != null); pages++) {
        String current = token;
        P response = request(operation, () -> page.apply(current));
        all.addAll(items.apply(response));
        token = next.apply(response);
      }
    } catch (SdkException e) {
      LOG.debug("{} ended early: {}", operation, EcrErrors.why(e));
    }
    return all;
  }

  /** One ECR request, counted with its outcome. */
  private <T> T request(String operation, Supplier<T> call) {
    try {
      T result = call.get();
      requests.accept(operation, SUCCESS);
      return result;
    } catch (RuntimeException e) {
      requests.accept(operation, EcrErrors.label(e));
      throw e;
    }
  }
}
