package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events off the reconcile thread, so a status write never waits for them. The Event's name is
 * derived from (object, type, reason): a real repeat of a transition bumps the existing Event's count instead of
 * creating an object. Each announced transition carries its own id, written into the Event as an annotation, so a
 * write that is retried after an answer was lost finds itself already applied and bumps nothing.
 *
 * <p>What was written is remembered (name, resourceVersion, count; bounded, least recently used out), so a repeat
 * is one update and a first Event one create: no GET before either. A GET happens only when the record is missing or
 * stale (after a restart, or when someone else changed the Event), answered by the API server with a 409.
 *
 * <p>Pending writes wait in a bounded map (at most {@link #QUEUE_LIMIT} Events; one entry per Event name, repeats
 * merged into it). When it is full a new Event is dropped, counted in {@code deploycheck_events_dropped_total} and
 * logged. A write the API server refuses (401, 403, 429, 5xx) or that cannot reach it is retried with capped,
 * jittered backoff for as long as the DeployCheck exists; {@link #forget} drops a deleted check's pending Events.
 * Any other refusal (an invalid Event, a namespace that is gone) is logged and dropped.
 */
final class EventRecorder implements AutoCloseable {
  static final String COMPONENT = "deploycheck-operator";
  /** Annotation holding the id of the last transition written into an Event. */
  static final String TRANSITION = "deploycheck.io/transition";
  static final int QUEUE_LIMIT = 4096;
  /** Events remembered as written: several per DeployCheck at 1,000 checks. */
  static final int REMEMBERED = 8192;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final OperatorMetrics metrics;
  private final CappedBackoff backoff;
  private final ScheduledThreadPoolExecutor sender;
  /** Guarded by {@code this}: what waits to be written, by Event name, in arrival order. */
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  /** Only the sender thread touches it. */
  private final Map<String, Written> written = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
      return size() > REMEMBERED;
    }
  };

  EventRecorder(KubernetesClient client, Clock clock, OperatorMetrics metrics, CappedBackoff backoff) {
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
    this.backoff = backoff;
    this.sender = Timers.daemon("deploycheck-events");
    metrics.eventsPending(this::pendingCount);
  }

  /**
   * Queues one announcement of a transition about {@code about} on behalf of {@code owner}; returns at once.
   *
   * @return false when the queue was full and the Event was dropped
   */
  boolean record(DeployCheck owner, HasMetadata about, Notice notice) {
    String name = eventName(about, notice);
    synchronized (this) {
      Pending waiting = pending.get(name);
      if (waiting != null) {
        waiting.repeat(notice);
        return true;
      }
      if (pending.size() >= QUEUE_LIMIT) {
        metrics.eventDropped();
        LOG.warn("Event queue full ({} pending): dropped {} {} for {}/{}", QUEUE_LIMIT, notice.type(),
            notice.reason(), about.getMetadata().getNamespace(), about.getMetadata().getName());
        return false;
      }
      pending.put(name, new Pending(owner.getMetadata().getUid(), reference(about), notice,
          backoff.initExecution()));
    }
    later(name, 0);
    return true;
  }

  /** The DeployCheck is gone: its Events still waiting are dropped (their retries find nothing to send). */
  synchronized void forget(DeployCheck owner) {
    pending.values().removeIf(p -> p.owner.equals(owner.getMetadata().getUid()));
  }

  synchronized int pendingCount() {
    return pending.size();
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }

  private void send(String name) {
    Pending entry;
    Attempt attempt;
    synchronized (this) {
      entry = pending.get(name);
      if (entry == null) {
        return;
      }
      attempt = entry.attempt();
    }
    try {
      written.put(name, write(name, entry.about, attempt));
      synchronized (this) {
        if (entry.sent(attempt.occurrences())) {
          pending.remove(name, entry);
        } else {
          later(name, 0); // repeats arrived while it was being written
        }
      }
    } catch (KubernetesClientException e) {
      if (retriable(e)) {
        long delay;
        synchronized (this) {
          entry.failed = attempt.occurrences();
          delay = entry.retry.nextDelay().orElseThrow();
        }
        LOG.debug("Event {} refused ({}), retrying in {} ms", name, e.getCode(), delay);
        later(name, delay);
      } else {
        synchronized (this) {
          pending.remove(name, entry);
        }
        LOG.warn("could not write Event {} for {}/{}: {}", attempt.notice().reason(), entry.about.getNamespace(),
            entry.about.getName(), e.getMessage());
      }
    }
  }

  private void later(String name, long delayMillis) {
    try {
      sender.schedule(() -> send(name), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      LOG.debug("operator stopping: Event {} not written", name);
    }
  }

  /** One create when the Event is new to us, one update when we wrote it before; a GET only to resolve a 409. */
  private Written write(String name, ObjectReference about, Attempt attempt) {
    var events = client.v1().events().inNamespace(about.getNamespace());
    Written known = written.get(name);
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      if (known == null) {
        return Written.of(events.resource(event(name, about, attempt, attempt.occurrences(), now, now, null))
            .create());
      }
      return Written.of(events.resource(event(name, about, attempt, known.count() + attempt.occurrences(),
          known.firstTimestamp(), now, known.resourceVersion())).update());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 && known != null) {
        // expired (Events live an hour by default): start it again
        written.remove(name);
        return write(name, about, attempt);
      }
      if (e.getCode() != 409) {
        throw e;
      }
    }
    Event current = events.withName(name).get();
    if (current == null) {
      written.remove(name);
      return write(name, about, attempt);
    }
    int unwritten = attempt.occurrences();
    if (attempt.transition().equals(transitionOf(current))) {
      // The id is ours alone: a write of this attempt (or of an earlier one that failed, a 5xx or a lost answer,
      // perhaps retried inside the client) was applied. Count only what it did not carry.
      unwritten -= attempt.failed() > 0 ? attempt.failed() : attempt.occurrences();
      if (unwritten <= 0) {
        return Written.of(current);
      }
    }
    int count = current.getCount() == null ? 1 : current.getCount();
    String first = current.getFirstTimestamp() == null ? now : current.getFirstTimestamp();
    return Written.of(events.resource(event(name, about, attempt, count + unwritten, first, now,
        current.getMetadata().getResourceVersion())).update());
  }

  private static Event event(String name, ObjectReference about, Attempt attempt, int count, String first,
      String last, String resourceVersion) {
    return new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(about.getNamespace()).withResourceVersion(resourceVersion)
        .addToAnnotations(TRANSITION, attempt.transition()).endMetadata()
        .withInvolvedObject(about)
        .withType(attempt.notice().type())
        .withReason(attempt.notice().reason())
        .withMessage(attempt.notice().message())
        .withCount(count)
        .withFirstTimestamp(first)
        .withLastTimestamp(last)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent("deploycheck.io/operator")
        .build();
  }

  /** Refusals that pass with time or a fixed RBAC, and failures to reach the API server at all (code 0). */
  static boolean retriable(KubernetesClientException e) {
    int code = e.getCode();
    return code == 0 || code == 401 || code == 403 || code == 408 || code == 429 || code >= 500;
  }

  private static String transitionOf(Event event) {
    Map<String, String> annotations = event.getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(TRANSITION, "");
  }

  private static ObjectReference reference(HasMetadata about) {
    return new ObjectReferenceBuilder()
        .withApiVersion(about.getApiVersion())
        .withKind(about.getKind())
        .withName(about.getMetadata().getName())
        .withNamespace(about.getMetadata().getNamespace())
        .withUid(about.getMetadata().getUid())
        .build();
  }

  /** Stable per (object uid, type, reason): repeats find their Event again. */
  static String eventName(HasMetadata about, Notice notice) {
    String identity = about.getMetadata().getUid() + "/" + notice.type() + "/" + notice.reason();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      String base = about.getMetadata().getName();
      // Object names are at most 253 characters; leave room for the suffix.
      return base.substring(0, Math.min(base.length(), 236)) + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * What one write sends: the latest notice, how many real transitions it stands for, the id it is written with,
   * and how many the last failed attempt with the same id carried (0 when none failed).
   */
  private record Attempt(Notice notice, int occurrences, String transition, int failed) {}

  /** What the API server holds after our last write of an Event. */
  private record Written(String resourceVersion, int count, String firstTimestamp) {
    static Written of(Event event) {
      return new Written(event.getMetadata().getResourceVersion(), event.getCount() == null ? 1 : event.getCount(),
          event.getFirstTimestamp());
    }
  }

  /** An Event waiting to be written; guarded by the recorder's lock. */
  private static final class Pending {
    final String owner;
    final ObjectReference about;
    final RetryExecution retry;
    Notice notice;
    int occurrences = 1;
    String transition = UUID.randomUUID().toString();
    /** Occurrences the last failed attempt carried: a 5xx or a lost answer may still have been applied. */
    int failed;

    Pending(String owner, ObjectReference about, Notice notice, RetryExecution retry) {
      this.owner = owner;
      this.about = about;
      this.notice = notice;
      this.retry = retry;
    }

    /** The same transition happened again before the last one was written: one more on the count. */
    void repeat(Notice again) {
      notice = again;
      occurrences++;
    }

    Attempt attempt() {
      return new Attempt(notice, occurrences, transition, failed);
    }

    /** {@code sent} occurrences are written (the next ones get a new id); true when nothing is left to write. */
    boolean sent(int sent) {
      occurrences -= sent;
      failed = 0;
      transition = UUID.randomUUID().toString();
      return occurrences <= 0;
    }
  }
}
