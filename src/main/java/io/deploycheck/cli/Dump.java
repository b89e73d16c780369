package io.deploycheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.kube.KServe;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The Kubernetes objects of a dump: what {@code kubectl get pods,events,inferenceservices,deploychecks -o yaml} prints (a List,
 * multi-document YAML, or JSON), and Nodes where {@code kubectl get nodes -o yaml} was added (they tell whether any
 * node could hold an unschedulable pod). Kinds that do not matter to a rollout (ReplicaSets, Services ...) are skipped.
 */
public record Dump(List<Pod> pods, List<Event> events, List<GenericKubernetesResource> inferenceServices,
    List<DeployCheck> deployChecks, List<Node> nodes) {

  /** The kinds a diagnosis reads; each needs its metadata. */
  private static final Set<String> READ = Set.of("Pod", "Event", KServe.KIND, "DeployCheck", "Node");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * SnakeYAML stops a document at 3 MiB of code points by default; a dump is one List document of up to the input
   * limit. Jackson's own bounds stay: a string value of at most 20 million characters, nesting at most 1,000 deep.
   */
  private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .loaderOptions(loaderOptions()).build());

  /** Reads a whole dump from {@code input}, and closes it. */
  public static Dump parse(Input input) {
    Dump dump = new Dump(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    ObjectMapper mapper = input.looksLikeJson() ? JSON : YAML;
    if (mapper == YAML) {
      input.limitLines(Input.MAX_YAML_LINE_BYTES);
    }
    int document = 0;
    try (input; MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(input.reader())) {
      while (documents.hasNext()) {
        JsonNode node = documents.next();
        document++;
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        dump.add(input.name(), "document " + document, node);
      }
    } catch (InputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // MappingIterator wraps a parser's exception in a RuntimeException of its own
      throw unreadable(input.name(), e instanceof JsonProcessingException || e.getCause() == null ? e : e.getCause());
    }
    if (dump.pods().isEmpty() && dump.events().isEmpty() && dump.inferenceServices().isEmpty()
        && dump.deployChecks().isEmpty()) {
      throw new InputException(input.name()
          + ": holds no Pods, Events, InferenceServices or DeployChecks (expected kubectl get ... -o yaml output)");
    }
    return dump;
  }

  private static InputException unreadable(String name, Throwable e) {
    if (e instanceof StreamConstraintsException bound) {
      // Jackson's bounds (a value of 20 million characters, nesting 1,000 deep), in words without its class names
      return new InputException(name + ": exceeds a bound for reading a dump: "
          + bound.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
    }
    if (e instanceof JsonProcessingException parse) {
      String where = parse.getLocation() == null ? "" : " at line " + parse.getLocation().getLineNr();
      return new InputException(name + ": not valid YAML or JSON" + where + ": "
          + firstLine(parse.getOriginalMessage()));
    }
    return new InputException(name + ": not valid YAML or JSON: " + firstLine(e.getMessage()));
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Input.MAX_BYTES));
    return options;
  }

  public void addAll(Dump other) {
    pods.addAll(other.pods);
    events.addAll(other.events);
    inferenceServices.addAll(other.inferenceServices);
    deployChecks.addAll(other.deployChecks);
    nodes.addAll(other.nodes);
  }

  private void add(String file, String where, JsonNode node) {
    if (node.isArray()) {
      node.forEach(item -> add(file, where, item));
      return;
    }
    if (!node.isObject() || !node.path("kind").isTextual()) {
      throw new InputException(file + ": " + where
          + " is not a Kubernetes object (no \"kind\"); expected kubectl get ... -o yaml output");
    }
    String kind = node.get("kind").asText();
    String apiVersion = node.path("apiVersion").asText("");
    if (READ.contains(kind) && !node.path("metadata").isObject()) {
      throw new InputException(file + ": " + where + " (" + kind + ") has no metadata object"
          + (node.has("metadata") ? " (metadata: " + node.get("metadata").getNodeType().name().toLowerCase() + ")"
              : "") + "; expected kubectl get ... -o yaml output");
    }
    try {
      if (node.has("items") && kind.endsWith("List")) {
        node.get("items").forEach(item -> add(file, where + " item", item));
      } else if ("Pod".equals(kind)) {
        pods.add(SERIALIZATION.convertValue(node, Pod.class));
      } else if ("Event".equals(kind) && "v1".equals(apiVersion)) {
        events.add(SERIALIZATION.convertValue(node, Event.class));
      } else if (KServe.KIND.equals(kind) && apiVersion.startsWith(KServe.GROUP + "/")) {
        inferenceServices.add(SERIALIZATION.convertValue(node, GenericKubernetesResource.class));
      } else if ("Node".equals(kind) && "v1".equals(apiVersion)) {
        nodes.add(SERIALIZATION.convertValue(node, Node.class));
      } else if ("DeployCheck".equals(kind) && apiVersion.startsWith(DeployCheck.GROUP + "/")) {
        deployChecks.add(SERIALIZATION.convertValue(node, DeployCheck.class));
      }
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + where + " (" + kind + ") has an unexpected shape: " + shape(e));
    }
  }

  /** Where a value has the wrong type, and the type wanted, in the words of a YAML reader (no Java types). */
  static String shape(IllegalArgumentException e) {
    if (!(e.getCause() instanceof MismatchedInputException mismatch)) {
      return "a field has a value of the wrong type";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : mismatch.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    Class<?> wanted = mismatch.getTargetType();
    String expected = wanted == null ? "another type"
        : CharSequence.class.isAssignableFrom(wanted) ? "a string"
        : Number.class.isAssignableFrom(wanted) || wanted.isPrimitive() && wanted != boolean.class ? "a number"
        : wanted == Boolean.class || wanted == boolean.class ? "true or false"
        : Collection.class.isAssignableFrom(wanted) || wanted.isArray() ? "a list" : "an object";
    return (path.length() == 0 ? "a value" : path) + " should be " + expected;
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
  }
}
