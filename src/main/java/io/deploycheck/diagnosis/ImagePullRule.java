package io.deploycheck.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Image pulls: the specific cause (repository missing, image missing, auth, bad name, rate limit, network) from
 * kubelet's and the runtime's messages, confirmed or corrected by the registry when it was asked (and, when it
 * could not be asked, the hint says so); the generic back-off when no cause is known; and a pull that is simply
 * slow.
 */
final class ImagePullRule implements Rule {
  /**
   * Texts from containerd, CRI-O, the docker daemon, the registries and Go's network errors (the catalog's
   * {@code pull} rows). The patterns after the catalog's have no real example quoted yet, so no catalog row.
   */
  static final MessagePatterns CAUSES = MessageCatalog.patterns("pull")
      .add(Reason.RegistryRepositoryMissing, "repository name not known to registry")
      .add(Reason.ImageNotFound, "ImageNotFoundException");
  /** What Go's TLS and x509 errors mean for the node (crypto/x509, crypto/tls): the catalog's {@code tls} rows. */
  private static final MessagePatterns NOT_NETWORK = MessageCatalog.patterns("tls");
  /** A dial through the node's HTTP proxy failed (net/http): the catalog's {@code proxy} rows. */
  private static final MessagePatterns PROXY = MessageCatalog.patterns("proxy");
  /** A registry that answers plain HTTP (net/http's ErrSchemeMismatch): the catalog's {@code plain-http} rows. */
  private static final MessagePatterns PLAIN_HTTP = MessageCatalog.patterns("plain-http");

  private static final Set<Reason> SPECIFIC = EnumSet.of(Reason.RegistryRepositoryMissing, Reason.ImageNotFound,
      Reason.RegistryAuthFailed, Reason.InvalidImageName, Reason.RegistryRateLimited, Reason.RegistryUnreachable);

  private static final Set<String> PULL_EVENT_REASONS =
      Set.of("Failed", "BackOff", "ErrImagePull", "InspectFailed", "ErrImageNeverPull");

  @Override
  public void inspect(PodContext pod, Findings out) {
    for (ContainerFacts container : pod.pod().allContainers()) {
      ContainerState state = container.state();
      if (state == null || state.kind() != ContainerState.Kind.WAITING) {
        continue;
      }
      if ("InvalidImageName".equals(state.reason())) {
        out.add(pod.finding(Reason.InvalidImageName, container).since(firstPullFailure(pod, container))
            .lastSeen(pod.now()).message(state.text())
            .evidence("container " + container.name() + " waiting InvalidImageName: " + state.text()).build());
      } else if (state.isPullFailure()) {
        out.add(pullFailure(pod, container, state));
      } else if (state.isCreating()) {
        slowPull(pod, container, out);
      }
    }
  }

  /** What caused a failing pull, as far as it is known: the reason (null when unknown), its text and evidence. */
  private record Cause(Reason reason, String detail, String evidence) {}

  private static Finding pullFailure(PodContext pod, ContainerFacts container, ContainerState state) {
    Map<String, String> values = new HashMap<>();
    Cause cause = seenCause(pod, container, state);
    RegistryFact fact = pod.evidence().registryFact(container.image());
    if (fact != null) {
      cause = withRegistry(cause, fact, values);
    }
    Reason reason = cause.reason() == null ? Reason.ImagePullBackOff : cause.reason();
    if (cause.reason() == null) {
      putCause(values, state, pod); // no known cause: the family's generic reason, with whatever kubelet said
    }
    if (reason == Reason.RegistryUnreachable) {
      Map<String, String> names = pod.values(container);
      values.put("fix", unreachableFix(cause.detail(), names.get("registry"), names.get("region")));
    }
    return pod.finding(reason, container)
        .since(firstPullFailure(pod, container)).lastSeen(pod.now()).message(cause.detail())
        .evidence(cause.evidence()).values(values).value("detail", cause.detail()).build();
  }

  /**
   * The most specific cause the pod's evidence shows. Keep it: kubelet's back-off message may have lost it while an
   * older event still carries it, or the previous status named it for this image.
   */
  private static Cause seenCause(PodContext pod, ContainerFacts container, ContainerState state) {
    Cause cause = new Cause(CAUSES.best(state.text()), state.text(),
        "container " + container.name() + " waiting " + state.reason() + ": " + state.text());
    for (EventFacts event : pullEvents(pod, container)) {
      Reason eventReason = CAUSES.best(event.text());
      if (eventReason != null && eventReason.outranks(cause.reason())) {
        cause = new Cause(eventReason, event.text(), PodContext.describe(event));
      }
    }
    if (cause.reason() == null) {
      Reason earlier = previousCause(pod, container);
      if (earlier != null) {
        cause = new Cause(earlier, state.text() + " (cause seen earlier: " + earlier + ")",
            cause.evidence() + "; the previous status named " + earlier + " for this image");
      }
    }
    return cause;
  }

  /** The registry's word: it confirms a missing image, overrules one it has now, or could not be asked. */
  private static Cause withRegistry(Cause seen, RegistryFact fact, Map<String, String> values) {
    String registry = registryName(fact);
    String evidence = seen.evidence() + "; " + registry + ": " + fact.detail();
    switch (fact.outcome()) {
      case REPOSITORY_MISSING, IMAGE_MISSING -> {
        values.put("confirmedBy", registry);
        values.put("suggestion", fact.suggestion());
        values.put("recentTags", String.join(", ", fact.recentTags()));
        return new Cause(fact.outcome() == RegistryFact.Outcome.REPOSITORY_MISSING
            ? Reason.RegistryRepositoryMissing : Reason.ImageNotFound,
            seen.detail() + " (confirmed by " + registry + ": " + fact.detail() + ")", evidence);
      }
      case PRESENT -> {
        values.put("presentIn", registry);
        // The image exists now, so "missing" was true only at the time of the pull (pushed after the deploy):
        // kubelet's next retry can succeed, which a definitive reason would deny.
        if (seen.reason() == Reason.RegistryRepositoryMissing || seen.reason() == Reason.ImageNotFound) {
          return new Cause(Reason.ImagePullBackOff,
              seen.detail() + " (but " + registry + " has the image now: " + fact.detail() + ")", evidence);
        }
        return new Cause(seen.reason(), seen.detail(), evidence);
      }
      default -> {
        values.put("notConsulted", registry);
        values.put("notConsultedWhy", fact.detail());
        return new Cause(seen.reason(), seen.detail(), evidence);
      }
    }
  }

  /** What to check when the registry cannot be reached, by what the error says failed. */
  static String unreachableFix(String error, String registry, String region) {
    if (NOT_NETWORK.best(error) != null) {
      return "The node does not trust the registry's TLS certificate: add the CA that signed it to the node's"
          + " runtime" + (registry == null ? "" : " (containerd: /etc/containerd/certs.d/" + registry + "/ca.crt)")
          + ", or serve a certificate from a public CA.";
    }
    if (PROXY.best(error) != null) {
      return "The node's HTTP proxy failed the connection: check the runtime's HTTPS_PROXY and NO_PROXY settings.";
    }
    if (PLAIN_HTTP.best(error) != null) {
      return "The registry speaks plain HTTP: serve it over TLS, or declare it as an HTTP registry in the node's"
          + " runtime configuration.";
    }
    return "Check DNS and egress from the node: NAT gateway"
        + (region == null ? "" : ", or VPC endpoints for ECR (com.amazonaws." + region + ".ecr.api, .ecr.dkr and the"
            + " S3 gateway)") + ", and security groups.";
  }

  /** The raw cause of a pull failure no pattern names, and the fix where the waiting reason alone tells it. */
  private static void putCause(Map<String, String> values, ContainerState state, PodContext pod) {
    // kubelet's back-off text carries the last failure's cause after the image since Kubernetes 1.32
    MessageCatalog.Match backOff = MessageCatalog.find("pull-back-off", state.text());
    String cause = backOff != null ? backOff.group("cause") : state.text();
    if (cause != null && !cause.isBlank()) {
      values.put("cause", cause.strip());
    }
    if ("ErrImageNeverPull".equals(state.reason())) {
      String node = pod.pod().nodeName();
      values.put("fix", "Its imagePullPolicy is Never and the image is not on " + (node == null ? "the node" : node)
          + ": set imagePullPolicy to IfNotPresent, or load the image onto every node first.");
    }
  }

  /** Who answered: facts come from ECR for ECR images; the port itself is registry-neutral. */
  private static String registryName(RegistryFact fact) {
    ImageRef ref = ImageRef.parse(fact.image());
    return ref != null && ref.isEcr() ? "ECR" : "the registry";
  }

  private static void slowPull(PodContext pod, ContainerFacts container, Findings out) {
    EventFacts pulling = PodContext.newest(pod.events("Pulling", container));
    if (pulling == null || pulling.lastSeen() == null) {
      return;
    }
    EventFacts done = PodContext.newest(pod.events(e -> ("Pulled".equals(e.reason()) || "Failed".equals(e.reason()))
        && (e.container() == null || e.container().equals(container.name()))));
    if (done != null && done.lastSeen() != null && !done.lastSeen().isBefore(pulling.lastSeen())) {
      return;
    }
    Instant started = pulling.lastSeen();
    Duration elapsed = Duration.between(started, pod.now());
    if (elapsed.compareTo(pod.stuckAfter()) < 0) {
      out.wakeAt(started.plus(pod.stuckAfter()));
      return;
    }
    out.add(pod.finding(Reason.ImagePullSlow, container).since(started).lastSeen(pod.now())
        .message("pulling " + container.image() + " for " + GoDuration.format(elapsed) + " without an error")
        .evidence(PodContext.describe(pulling)).value("elapsed", GoDuration.format(elapsed)).build());
  }

  /** The pod's pull-failure events for this container's image. */
  private static List<EventFacts> pullEvents(PodContext pod, ContainerFacts container) {
    List<EventFacts> events = new ArrayList<>();
    for (EventFacts event : pod.events(e -> PULL_EVENT_REASONS.contains(e.reason()))) {
      boolean sameContainer = container.name().equals(event.container());
      boolean sameImage = container.image() != null && event.text().contains(container.image());
      if (sameContainer || (event.container() == null && sameImage)) {
        events.add(event);
      }
    }
    return events;
  }

  private static Instant firstPullFailure(PodContext pod, ContainerFacts container) {
    Instant first = PodContext.earliest(pullEvents(pod, container));
    return first != null ? first : pod.pod().createdAt();
  }

  /** A specific image-pull reason the previous status gave a pod running the same image. */
  private static Reason previousCause(PodContext pod, ContainerFacts container) {
    PreviousStatus previous = pod.evidence().previous();
    if (previous == null) {
      return null;
    }
    for (PodVerdict verdict : previous.pods()) {
      if (SPECIFIC.contains(verdict.reason()) && ImageRef.sameImage(verdict.image(), container.image())) {
        return verdict.reason();
      }
    }
    return null;
  }
}
