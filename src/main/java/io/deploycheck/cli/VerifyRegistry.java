package io.deploycheck.cli;

import io.deploycheck.registry.EcrClientFactory;
import io.deploycheck.registry.EcrInspector;
import io.deploycheck.registry.RegistryVerification;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code diagnose --verify-registry} (off by default: a dump is often read far from its cluster), and the one way the CLI builds ECR verification. */
public final class VerifyRegistry {
  @Option(names = "--verify-registry",
      description = "Ask ECR whether the repository and tag of each failing image pull exist, as the operator does"
          + " (standard AWS credentials and configuration, e.g. AWS_PROFILE; off by default).")
  private boolean enabled;

  /** ECR clients when asked for, else null; the caller closes them. */
  public EcrClientFactory clients() {
    return enabled ? EcrClientFactory.standard() : null;
  }

  /** The registry verification over {@code clients}, or null when they are null. */
  public static RegistryVerification verification(EcrClientFactory clients) {
    return clients == null ? null
        : new RegistryVerification(new EcrInspector(clients, Clock.systemUTC(), (operation, outcome) -> { }));
  }
}
