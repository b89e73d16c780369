package io.deploycheck.diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a DeployCheck asks for, parsed. {@code problems} lists why a spec that passed the schema cannot work; the
 * engine reports them as {@link Reason#InvalidSpec}.
 */
public record CheckSpec(
    List<String> components, String expectedImage, Duration stuckAfter, Duration progressDeadline,
    List<String> problems) {

  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(3);
  public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(10);
  /** The default component, and the only one every InferenceService has. */
  public static final String PREDICTOR = "predictor";
  /**
   * KServe's InferenceService components, the one vocabulary of them: the API's {@code Component} enum, the spec
   * keys read from an InferenceService and the pods' {@code component} label all use these names.
   */
  public static final Set<String> KNOWN_COMPONENTS =
      Collections.unmodifiableSet(new LinkedHashSet<>(List.of(PREDICTOR, "transformer", "explainer")));

  public CheckSpec {
    components = List.copyOf(components);
    problems = List.copyOf(problems);
  }

  public static CheckSpec defaults() {
    return parse(null, null, null, null);
  }

  /** Parses raw spec values (null means "use the default") and collects every problem found. */
  public static CheckSpec parse(
      List<String> components, String expectedImage, String stuckAfter, String progressDeadline) {
    List<String> problems = new ArrayList<>();
    List<String> parsedComponents =
        components == null || components.isEmpty() ? List.of(PREDICTOR) : List.copyOf(components);
    for (String component : parsedComponents) {
      if (!KNOWN_COMPONENTS.contains(component)) {
        problems.add("components: \"" + component + "\" is not one of " + String.join(", ", KNOWN_COMPONENTS));
      }
    }
    if (parsedComponents.size() != Set.copyOf(parsedComponents).size()) {
      problems.add("components: a component is listed twice");
    }
    Duration stuck = duration("stuckAfter", stuckAfter, DEFAULT_STUCK_AFTER, problems);
    Duration deadline = duration("progressDeadline", progressDeadline, DEFAULT_PROGRESS_DEADLINE, problems);
    if (stuck.isZero()) {
      problems.add("stuckAfter: must be longer than 0s");
    }
    if (stuck.compareTo(deadline) >= 0) {
      problems.add("stuckAfter (" + GoDuration.format(stuck) + ") must be shorter than progressDeadline ("
          + GoDuration.format(deadline) + ")");
    }
    if (expectedImage != null && !expectedImage.isBlank() && ImageRef.parse(expectedImage) == null) {
      problems.add("expectedImage: \"" + expectedImage + "\" is not an image reference");
    }
    String image = expectedImage == null || expectedImage.isBlank() ? null : expectedImage.trim();
    return new CheckSpec(parsedComponents, image, stuck, deadline, problems);
  }

  public CheckSpec withProblem(String problem) {
    List<String> more = new ArrayList<>(problems);
    more.add(problem);
    return new CheckSpec(components, expectedImage, stuckAfter, progressDeadline, more);
  }

  public CheckSpec withStuckAfter(Duration stuck) {
    return new CheckSpec(components, expectedImage, stuck, progressDeadline, problems);
  }

  private static Duration duration(String field, String text, Duration fallback, List<String> problems) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
      return fallback;
    }
  }
}
