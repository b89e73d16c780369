package io.deploycheck.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** One pod of the rollout with its own Events, as the rules see it, and the helpers they share. */
public final class PodContext {
  private final Evidence evidence;
  private final PodFacts pod;
  private final List<EventFacts> events;

  /** @param podEvents the evidence's Pod events grouped by pod name, built once per diagnosis */
  PodContext(Evidence evidence, PodFacts pod, Map<String, List<EventFacts>> podEvents) {
    this.evidence = evidence;
    this.pod = pod;
    List<EventFacts> own = new ArrayList<>();
    for (EventFacts event : podEvents.getOrDefault(pod.name(), List.of())) {
      // An event of an earlier pod with the same name (other uid) is history.
      if (event.objectUid() == null || pod.uid() == null || event.objectUid().equals(pod.uid())) {
        own.add(event);
      }
    }
    this.events = own;
  }

  /** Pod events by pod name, so each pod finds its own without scanning the namespace's. */
  static Map<String, List<EventFacts>> byPod(List<EventFacts> events) {
    Map<String, List<EventFacts>> byPod = new HashMap<>();
    for (EventFacts event : events) {
      if ("Pod".equals(event.objectKind()) && event.objectName() != null) {
        byPod.computeIfAbsent(event.objectName(), name -> new ArrayList<>()).add(event);
      }
    }
    return byPod;
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
    List<EventFacts> matching = new ArrayList<>(2);
    for (EventFacts e : events) {
      if (reason.equals(e.reason()) && (container == null || isAbout(e, container))) {
        matching.add(e);
      }
    }
    return matching;
  }

  /** An event names its container; one without a container is about the whole pod. */
  private static boolean isAbout(EventFacts event, ContainerFacts container) {
    String name = event.container();
    return name == null || name.equals(container.name());
  }

  /** This pod's events with the given reason about the container whose message starts with {@code prefix}. */
  public List<EventFacts> events(String reason, ContainerFacts container, String prefix) {
    List<EventFacts> matching = new ArrayList<>(2);
    for (EventFacts e : events) {
      if (reason.equals(e.reason()) && isAbout(e, container) && e.text().startsWith(prefix)) {
        matching.add(e);
      }
    }
    return matching;
  }

  public List<EventFacts> events(Predicate<EventFacts> filter) {
    List<EventFacts> matching = new ArrayList<>(2);
    for (EventFacts e : events) {
      if (filter.test(e)) {
        matching.add(e);
      }
    }
    return matching;
  }

  /**
   * kubelet's newest Killing event for a restart this probe caused ("Container X failed liveness probe, will be
   * restarted"), or null; a readiness probe never kills. Derived here once for the crash and probe rules.
   */
  public EventFacts probeKill(ContainerFacts container, ProbeKind kind) {
    if (kind == ProbeKind.READINESS) {
      return null;
    }
    EventFacts newest = null;
    for (EventFacts kill : events("Killing", container)) {
      if (kill.text().contains(kind.killPhrase())) {
        newest = newest == null ? kill : newest(List.of(newest, kill));
      }
    }
    return newest;
  }

  /** The values every hint may name, for this pod and (when not null) one of its containers. */
  public Map<String, String> values(ContainerFacts container) {
    Map<String, String> values = new HashMap<>(32);
    putKnown(values, "namespace", evidence.namespace());
    putKnown(values, "isvc", evidence.inferenceService());
    values.put("component", pod.component() == null ? CheckSpec.PREDICTOR : pod.component());
    putKnown(values, "pod", pod.name());
    putKnown(values, "node", pod.nodeName());
    values.put("serviceAccount", pod.serviceAccount() == null ? "default" : pod.serviceAccount());
    if (container != null) {
      values.put("container", container.name());
      putImage(values, container.image());
    }
    return values;
  }

  private static void putKnown(Map<String, String> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
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

  /**
   * A finding about this pod and (when not null) one of its containers: {@code since} defaults to the pod's
   * creation, the values to those every hint may name ({@link #values}).
   */
  public Finding.Builder finding(Reason reason, ContainerFacts container) {
    return Finding.of(reason).about(pod.name(), container == null ? null : container.name())
        .since(pod.createdAt()).values(values(container));
  }

  /** A one-line account of an event, for the evidence list. */
  public static String describe(EventFacts e) {
    String repeat = e.count() > 1 ? " (x" + e.count() + " since " + e.firstSeen() + ")" : "";
    return "Event " + e.type() + " " + e.reason() + " on " + e.objectKind() + "/" + e.objectName()
        + (e.container() == null ? "" : " container " + e.container())
        + " at " + e.lastSeen() + repeat + ": " + e.text();
  }

  /** The earliest first sighting among events, or null. */
  public static Instant earliest(List<EventFacts> events) {
    Instant earliest = null;
    for (EventFacts event : events) {
      if (event.firstSeen() != null && (earliest == null || event.firstSeen().isBefore(earliest))) {
        earliest = event.firstSeen();
      }
    }
    return earliest;
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
