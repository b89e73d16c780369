package io.deploycheck.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** One pod of the rollout with its own Events, as the rules see it, and the helpers they share. */
public final class PodContext {
  private final Evidence evidence;
  private final PodFacts pod;
  private final List<EventFacts> events;

  PodContext(Evidence evidence, PodFacts pod) {
    this.evidence = evidence;
    this.pod = pod;
    List<EventFacts> own = new ArrayList<>();
    for (EventFacts event : evidence.events()) {
      // An event of an earlier pod with the same name (other uid) is history.
      boolean samePod = event.isAbout("Pod", pod.name())
          && (event.objectUid() == null || pod.uid() == null || event.objectUid().equals(pod.uid()));
      if (samePod) {
        own.add(event);
      }
    }
    this.events = own;
  }

  public Evidence evidence() {
    return evidence;
  }

  public PodFacts pod() {
    return pod;
  }

  public Instant now() {
    return evidence.now();
  }

  public Duration stuckAfter() {
    return evidence.spec().stuckAfter();
  }

  /** This pod's events with the given reason, about the given container when the event names one. */
  public List<EventFacts> events(String reason, ContainerFacts container) {
    return events.stream()
        .filter(e -> reason.equals(e.reason()))
        .filter(e -> container == null || e.containerName() == null || e.containerName().equals(container.name()))
        .toList();
  }

  public List<EventFacts> events(Predicate<EventFacts> filter) {
    return events.stream().filter(filter).toList();
  }

  /** The values every hint may name, for this pod and (when not null) one of its containers. */
  public Map<String, String> values(ContainerFacts container) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("namespace", evidence.namespace());
    values.put("isvc", evidence.inferenceService());
    values.put("component", pod.component() == null ? "predictor" : pod.component());
    values.put("pod", pod.name());
    values.put("node", pod.nodeName());
    values.put("serviceAccount", pod.serviceAccount() == null ? "default" : pod.serviceAccount());
    if (container != null) {
      values.put("container", container.name());
      putImage(values, container.image());
    }
    values.values().removeIf(v -> v == null);
    return values;
  }

  /** Adds the image and what its reference tells: registry, repository, tag or digest, ECR region. */
  public static void putImage(Map<String, String> values, String image) {
    if (image == null) {
      return;
    }
    values.put("image", image);
    ImageRef ref = ImageRef.parse(image);
    if (ref == null) {
      return;
    }
    values.put("registry", ref.registry());
    values.put("repository", ref.repository());
    if (ref.digest() != null) {
      values.put("imageIdKind", "Digest");
      values.put("imageIdKey", "imageDigest");
      values.put("reference", ref.digest());
    } else {
      values.put("imageIdKind", "Tag");
      values.put("imageIdKey", "imageTag");
      values.put("reference", ref.effectiveTag());
    }
    if (ref.isEcr()) {
      values.put("region", ref.ecrRegion());
    }
  }

  /** A finding about this pod. {@code since} falls back to the pod's creation. */
  public Finding finding(
      Reason reason, ContainerFacts container, Instant since, Instant lastSeen, String detail, String evidenceLine,
      Map<String, String> values, boolean blocking) {
    Instant start = since == null ? pod.createdAt() : since;
    String where = container == null ? "pod " + pod.name() : "pod " + pod.name() + " container " + container.name();
    return new Finding(reason, pod.name(), container == null ? null : container.name(), start,
        lastSeen == null ? start : lastSeen, where + ": " + detail, evidenceLine, values, blocking);
  }

  /** A one-line account of an event, for the evidence list. */
  public static String describe(EventFacts e) {
    String repeat = e.count() > 1 ? " (x" + e.count() + " since " + e.firstSeen() + ")" : "";
    return "Event " + e.type() + " " + e.reason() + " on " + e.objectKind() + "/" + e.objectName()
        + (e.containerName() == null ? "" : " container " + e.containerName())
        + " at " + e.lastSeen() + repeat + ": " + e.text();
  }

  /** The earliest first sighting among events, or null. */
  public static Instant earliest(List<EventFacts> events) {
    return events.stream().map(EventFacts::firstSeen).filter(t -> t != null).min(Instant::compareTo).orElse(null);
  }

  /** The newest event, or null. */
  public static EventFacts newest(List<EventFacts> events) {
    EventFacts newest = null;
    for (EventFacts event : events) {
      if (newest == null || (event.lastSeen() != null && (newest.lastSeen() == null
          || event.lastSeen().isAfter(newest.lastSeen())))) {
        newest = event;
      }
    }
    return newest;
  }
}
