package io.deploycheck.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events. The name is derived from (object, type, reason), so a repeat of the same notice bumps the
 * existing Event's count and lastTimestamp instead of creating a new object. A missing permission is logged once
 * and never fails a reconciliation: Events are a courtesy, status is the record.
 */
final class EventRecorder {
  static final String COMPONENT = "deploycheck-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final AtomicBoolean forbiddenLogged = new AtomicBoolean();

  EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void record(HasMetadata about, Notice notice) {
    String namespace = about.getMetadata().getNamespace();
    String name = eventName(about, notice);
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      var events = client.v1().events().inNamespace(namespace);
      Event existing = events.withName(name).get();
      if (existing != null) {
        existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
        existing.setLastTimestamp(now);
        existing.setMessage(notice.message());
        events.resource(existing).update();
        return;
      }
      events.resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withNewInvolvedObject()
          .withApiVersion(about.getApiVersion())
          .withKind(about.getKind())
          .withName(about.getMetadata().getName())
          .withNamespace(namespace)
          .withUid(about.getMetadata().getUid())
          .endInvolvedObject()
          .withType(notice.type())
          .withReason(notice.reason())
          .withMessage(notice.message())
          .withCount(1)
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent("deploycheck.io/operator")
          .build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        if (forbiddenLogged.compareAndSet(false, true)) {
          LOG.warn("cannot write Events in namespace {} (403 Forbidden): check the operator's RBAC; status is"
              + " still written", namespace);
        }
      } else {
        LOG.warn("could not write Event {} for {}/{}: {}", notice.reason(), namespace, about.getMetadata().getName(),
            e.getMessage());
      }
    }
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
}
