package io.deploycheck.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The operator's serialization: what {@link EvidenceMapper} never reads is skipped while a response is parsed, so
 * the informer caches do not keep it (controller-runtime operators strip the same with a cache transform; fabric8's
 * item store cannot do it here, as JOSDK shares one store between the informers of several watched namespaces).
 * Dropped: every object's {@code managedFields}; of a Pod, all but its name, namespace, uid, labels, times, the
 * containers' name, image, resources and probes, the node, the service account, the phase, the Ready and
 * PodScheduled conditions and the container states; of a CustomResourceDefinition, all but its metadata; of an Event,
 * its uid and the resourceVersion of the object it is about. An Event's message is bounded at
 * {@value #MAX_EVENT_MESSAGE} characters (the API server bounds only new-style Events, at
 * 1,024). {@code LeanSerializationTest} proves every fixture judged the same either way. Writes are unaffected: the
 * operator never writes a Pod or a CRD, and never sets managedFields.
 */
public final class LeanSerialization {
  static final int MAX_EVENT_MESSAGE = 4096;
  /** The pod conditions {@link EvidenceMapper#pod} reads. */
  private static final Set<String> READ_CONDITIONS = Set.of("Ready", "PodScheduled");

  private LeanSerialization() {}

  public static KubernetesSerialization create() {
    return new KubernetesSerialization(leanMapper(), true);
  }

  /**
   * The same reading as a mapper for fabric8's model, for a dump read object by object: a pod or Event read from a
   * dump is only ever turned into evidence, so it need not be read whole either.
   */
  public static ObjectMapper mapper() {
    ObjectMapper mapper = leanMapper();
    new KubernetesSerialization(mapper, true); // configures the mapper for fabric8's model
    return mapper;
  }

  private static ObjectMapper leanMapper() {
    return new ObjectMapper()
        .addMixIn(ObjectMeta.class, LeanMeta.class)
        .addMixIn(Pod.class, LeanPod.class)
        .addMixIn(PodSpec.class, LeanPodSpec.class)
        .addMixIn(Container.class, LeanContainer.class)
        .addMixIn(ResourceRequirements.class, LeanResources.class)
        .addMixIn(Probe.class, LeanProbe.class)
        .addMixIn(HTTPGetAction.class, LeanHttpGet.class)
        .addMixIn(PodStatus.class, LeanPodStatus.class)
        .addMixIn(PodCondition.class, LeanPodCondition.class)
        .addMixIn(ContainerStatus.class, LeanContainerStatus.class)
        .addMixIn(ContainerStateTerminated.class, LeanTerminated.class)
        .addMixIn(Event.class, LeanEvent.class)
        .addMixIn(CustomResourceDefinition.class, PresenceOnly.class)
        .registerModule(new SimpleModule().addDeserializer(String.class, new SharedStrings())
            .setDeserializerModifier(new LeanEvents()));
  }

  @JsonIgnoreProperties("managedFields")
  private abstract static class LeanMeta {}

  private abstract static class LeanPod {
    @JsonDeserialize(converter = PodMeta.class)
    abstract void setMetadata(ObjectMeta metadata);

    @JsonDeserialize(converter = CompactSpec.class)
    abstract void setSpec(PodSpec spec);

    @JsonDeserialize(converter = CompactStatus.class)
    abstract void setStatus(PodStatus status);
  }

  @JsonIncludeProperties({"containers", "initContainers", "nodeName", "nodeSelector", "serviceAccountName"})
  private abstract static class LeanPodSpec {}

  @JsonIncludeProperties({"name", "image", "resources", "startupProbe", "livenessProbe", "readinessProbe"})
  private abstract static class LeanContainer {}

  private abstract static class LeanResources {
    @JsonDeserialize(converter = SmallMap.class)
    abstract void setLimits(Map<String, Quantity> limits);

    @JsonDeserialize(converter = SmallMap.class)
    abstract void setRequests(Map<String, Quantity> requests);
  }

  /**
   * A container's limits or requests (two or three entries) as an immutable map: a fifth of a LinkedHashMap's bytes,
   * about 8 MiB at 10,000 pods. Its order is not kept; readers look names up or sort them.
   */
  static final class SmallMap extends StdConverter<Map<String, Quantity>, Map<String, Quantity>> {
    @Override
    public Map<String, Quantity> convert(Map<String, Quantity> quantities) {
      return quantities.containsKey(null) || quantities.containsValue(null) ? quantities : Map.copyOf(quantities);
    }
  }

  @JsonIncludeProperties({"exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "periodSeconds",
      "failureThreshold"})
  private abstract static class LeanProbe {}

  @JsonIncludeProperties({"path", "port"})
  private abstract static class LeanHttpGet {}

  @JsonIncludeProperties({"phase", "conditions", "containerStatuses", "initContainerStatuses"})
  private abstract static class LeanPodStatus {
    @JsonDeserialize(converter = ReadConditions.class)
    abstract void setConditions(List<PodCondition> conditions);
  }

  @JsonIncludeProperties({"type", "status", "reason", "message", "lastTransitionTime"})
  private abstract static class LeanPodCondition {}

  @JsonIncludeProperties({"name", "state", "lastState", "ready", "restartCount"})
  private abstract static class LeanContainerStatus {}

  @JsonIncludeProperties({"reason", "message", "exitCode", "startedAt", "finishedAt"})
  private abstract static class LeanTerminated {}

  /** The InferenceService CRD is watched only to know that it exists; its schema alone runs to megabytes. */
  @JsonIncludeProperties({"apiVersion", "kind", "metadata"})
  private abstract static class PresenceOnly {}

  private abstract static class LeanEvent {
    @JsonDeserialize(converter = BoundedMessage.class)
    abstract void setMessage(String message);
  }

  /**
   * One instance of a pod's name and uid for the pod and all its Events (about 7 each), and of an Event message that
   * many pods share ("Container image ... already present on machine"): the JVM's string table, whose entries go when
   * nothing else holds the string.
   */
  static String intern(String value) {
    return value == null ? null : value.intern();
  }

  /**
   * An Event is kept without its uid and without the resourceVersion of the object it is about (read by no rule;
   * unique strings, about 130 bytes an Event), with its pod's name and uid shared with the pod, and compacted whole:
   * its own and its source's empty maps too.
   */
  static final class LeanEvents extends BeanDeserializerModifier {
    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
        JsonDeserializer<?> deserializer) {
      return bean.getBeanClass() == Event.class ? new TrimmedEvent(deserializer) : deserializer;
    }
  }

  private static final class TrimmedEvent extends DelegatingDeserializer {
    TrimmedEvent(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new TrimmedEvent(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Object value = super.deserialize(parser, context);
      if (value instanceof Event event) {
        if (event.getMetadata() != null) {
          event.getMetadata().setUid(null);
        }
        if (event.getInvolvedObject() != null) {
          event.getInvolvedObject().setResourceVersion(null);
          event.getInvolvedObject().setName(intern(event.getInvolvedObject().getName()));
          event.getInvolvedObject().setUid(intern(event.getInvolvedObject().getUid()));
        }
        event.setMessage(intern(event.getMessage()));
        Compact.compact(event);
      }
      return value;
    }
  }

  /** A pod's annotations, owners, finalizers and generateName are read by no rule. */
  static final class PodMeta extends StdConverter<ObjectMeta, ObjectMeta> {
    @Override
    public ObjectMeta convert(ObjectMeta metadata) {
      metadata.setAnnotations(Map.of());
      metadata.setOwnerReferences(List.of());
      metadata.setFinalizers(List.of());
      metadata.setGenerateName(null);
      metadata.setName(intern(metadata.getName()));
      metadata.setUid(intern(metadata.getUid()));
      return Compact.compact(metadata);
    }
  }

  /**
   * fabric8's model objects start with an empty mutable list for every list field and an empty map for unknown
   * properties: about 70 per pod, a third of a lean pod's heap. Once parsed, empty ones are swapped for the shared
   * immutable empties, through the fields (cached per class), down the object tree. Cached objects are only read.
   */
  abstract static class Compact<T> extends StdConverter<T, T> {
    private static final ClassValue<List<Field>> COLLECTIONS = new ClassValue<>() {
      @Override
      protected List<Field> computeValue(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field field : c.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())
                && (List.class.isAssignableFrom(field.getType())
                || Map.class.isAssignableFrom(field.getType()) || isModel(field.getType()))) {
              field.setAccessible(true);
              fields.add(field);
            }
          }
        }
        return fields;
      }
    };

    @Override
    public T convert(T value) {
      return compact(value);
    }

    static <T> T compact(T object) {
      if (object == null || !isModel(object.getClass())) {
        return object;
      }
      try {
        for (Field field : COLLECTIONS.get(object.getClass())) {
          Object value = field.get(object);
          if (value instanceof List<?> list) {
            if (list.isEmpty()) {
              field.set(object, List.of());
            } else {
              list.forEach(Compact::compact);
            }
          } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
              field.set(object, Map.of());
            } else {
              map.values().forEach(Compact::compact);
            }
          } else {
            compact(value);
          }
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      return object;
    }

    private static boolean isModel(Class<?> type) {
      return type.getName().startsWith("io.fabric8.kubernetes.api.model.");
    }
  }

  static final class CompactSpec extends Compact<PodSpec> {}

  static final class CompactStatus extends Compact<PodStatus> {}

  static final class ReadConditions extends StdConverter<List<PodCondition>, List<PodCondition>> {
    @Override
    public List<PodCondition> convert(List<PodCondition> conditions) {
      return conditions.stream().filter(c -> READ_CONDITIONS.contains(c.getType())).toList();
    }
  }

  /**
   * Equal short values parsed from different objects share one String: label values, images, container names,
   * reasons, quantities repeat across thousands of pods. A fixed table where a newcomer replaces the slot's holder
   * keeps it bounded (32 KiB of slots) without locks; racing threads at worst keep a duplicate.
   */
  static final class SharedStrings extends StdScalarDeserializer<String> {
    private static final int SLOTS = 8192;
    private static final int MAX_SHARED_LENGTH = 64;
    private final AtomicReferenceArray<String> slots = new AtomicReferenceArray<>(SLOTS);

    SharedStrings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      return shared(StringDeserializer.instance.deserialize(parser, context));
    }

    String shared(String value) {
      if (value == null || value.length() > MAX_SHARED_LENGTH) {
        return value;
      }
      int slot = value.hashCode() & (SLOTS - 1);
      String held = slots.get(slot);
      if (value.equals(held)) {
        return held;
      }
      slots.set(slot, value);
      return value;
    }
  }

  /** Keeps the first {@value #MAX_EVENT_MESSAGE} characters, never half a surrogate pair. */
  static final class BoundedMessage extends StdConverter<String, String> {
    @Override
    public String convert(String message) {
      if (message == null || message.length() <= MAX_EVENT_MESSAGE) {
        return message;
      }
      int end = Character.isHighSurrogate(message.charAt(MAX_EVENT_MESSAGE - 1)) ? MAX_EVENT_MESSAGE - 1
          : MAX_EVENT_MESSAGE;
      return message.substring(0, end);
    }
  }
}
