package io.deploycheck.registry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * One ECR client per region, built on demand and kept. {@link #standard()} clients follow the standard AWS
 * configuration, resolved by the SDK itself: the default credential chain (environment, system properties, IRSA web
 * identity through STS, profiles, EKS Pod Identity and container credentials, instance profile), the endpoint from
 * {@code AWS_ENDPOINT_URL_ECR} or {@code AWS_ENDPOINT_URL} (or the profile's {@code endpoint_url}), FIPS and
 * dual-stack switches, and the retry mode and attempts ({@code AWS_RETRY_MODE}, {@code AWS_MAX_ATTEMPTS}). Only the
 * region is set here: the image host's, or the DeployCheck's override.
 */
public final class EcrClientFactory implements Function<String, EcrClient>, AutoCloseable {
  /** A call, retries included, gives up after this long: a reconcile must not hang on ECR. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  private final Consumer<EcrClientBuilder> customizer;
  private final ConcurrentMap<String, EcrClient> clients = new ConcurrentHashMap<>();

  /** @param customizer applied last to every builder, e.g. an endpoint override and static credentials in tests */
  public EcrClientFactory(Consumer<EcrClientBuilder> customizer) {
    this.customizer = customizer;
  }

  public static EcrClientFactory standard() {
    return new EcrClientFactory(builder -> { });
  }

  @Override
  public EcrClient apply(String region) {
    return clients.computeIfAbsent(region, name -> {
      EcrClientBuilder builder = EcrClient.builder()
          .region(Region.of(name))
          .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
      customizer.accept(builder);
      return builder.build();
    });
  }

  @Override
  public void close() {
    clients.values().forEach(EcrClient::close);
    clients.clear();
  }
}
