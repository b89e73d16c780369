package io.deploycheck.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.LeanSerialization;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
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
 * {@link #read} streams a dump object by object, so {@code diagnose} keeps only what it reads of each
 * ({@link DumpFacts}); {@link #parse} keeps the objects themselves, for small inputs.
 */
public record Dump(List<Pod> pods, List<Event> events, List<GenericKubernetesResource> inferenceServices,
    List<DeployCheck> deployChecks, List<Node> nodes) {

  /** Where {@link #read} hands each object a diagnosis reads, in the order of the input. */
  public interface Sink {
    void pod(Pod pod);

    void event(Event event);

    void inferenceService(GenericKubernetesResource isvc);

    void deployCheck(DeployCheck check);

    void node(Node node);
  }

  /** The kinds a diagnosis reads; each needs its metadata. */
  private static final Set<String> READ = Set.of("Pod", "Event", KServe.KIND, "DeployCheck", "Node");
  /**
   * fabric8's mapper, held so that objects are read from their tree (treeToValue) instead of written out and read
   * back (convertValue): half the cost per object. It reads what the operator's caches keep (what the evidence
   * reads), so a dump's objects cost what the operator's do.
   */
  private static final ObjectMapper KUBERNETES = LeanSerialization.mapper();

  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * SnakeYAML stops a document at 3 MiB of code points by default; a dump is one List document of up to the input
   * limit, and a code point is at least one byte, so the input limit bounds it. Jackson's own bounds stay: a
   * string value of at most 20 million characters, nesting at most 1,000 deep.
   */
  private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .loaderOptions(loaderOptions()).build());

  /** Reads a whole dump from {@code input}, and closes it. */
  public static Dump parse(Input input) {
    Dump dump = new Dump(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    read(input, dump.collector());
    return dump;
  }

  /**
   * Reads {@code input} as a stream, handing each Pod, Event, InferenceService and DeployCheck to {@code sink} as
   * soon as it is read: a List's items are parsed one at a time, so no more than one object is held as a tree.
   * Closes the input.
   */
  public static void read(Input input, Sink sink) {
    ObjectMapper mapper = input.looksLikeJson() ? JSON : YAML;
    if (mapper == YAML) {
      input.limitLines(Input.MAX_YAML_LINE_BYTES);
    }
    Reading reading = new Reading(input.name(), mapper, sink);
    try (input; JsonParser parser = mapper.createParser(input.reader())) {
      int document = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        document++;
        reading.document(parser, token, "document " + document);
      }
    } catch (InputException | NullPointerException | ClassCastException e) {
      throw e; // the sink's, about an object's content: the caller says what is missing
    } catch (IOException | RuntimeException e) {
      throw unreadable(input.name(), e instanceof JsonProcessingException || e.getCause() == null ? e : e.getCause());
    }
    if (reading.objects == 0) {
      throw new InputException(input.name()
          + ": holds no Pods, Events, InferenceServices or DeployChecks (expected kubectl get ... -o yaml output)");
    }
  }

  /** A sink that adds to this dump's lists. */
  private Sink collector() {
    return new Sink() {
      @Override
      public void pod(Pod pod) {
        pods.add(pod);
      }

      @Override
      public void event(Event event) {
        events.add(event);
      }

      @Override
      public void inferenceService(GenericKubernetesResource isvc) {
        inferenceServices.add(isvc);
      }

      @Override
      public void deployCheck(DeployCheck check) {
        deployChecks.add(check);
      }

      @Override
      public void node(Node node) {
        nodes.add(node);
      }
    };
  }

  /** Hands every object of this dump to {@code sink}, kind by kind. */
  public void replay(Sink sink) {
    pods.forEach(sink::pod);
    events.forEach(sink::event);
    inferenceServices.forEach(sink::inferenceService);
    deployChecks.forEach(sink::deployCheck);
    nodes.forEach(sink::node);
  }

  /** One pass over one input: documents, a List's items one by one, each object checked and handed on. */
  private static final class Reading {
    private final String file;
    private final ObjectMapper mapper;
    private final Sink sink;
    private int objects;

    Reading(String file, ObjectMapper mapper, Sink sink) {
      this.file = file;
      this.mapper = mapper;
      this.sink = sink;
    }

    /**
     * One document, its first token read. A top-level object's {@code items} are streamed: kubectl writes them
     * before {@code kind}, so an object with an items list is taken for a List, and refused once its kind says
     * otherwise.
     */
    void document(JsonParser parser, JsonToken token, String where) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      if (token == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          add(where, mapper.readTree(parser));
        }
        return;
      }
      if (token != JsonToken.START_OBJECT) {
        add(where, mapper.readTree(parser));
        return;
      }
      ObjectNode rest = mapper.createObjectNode();
      boolean items = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("items".equals(field) && value == JsonToken.START_ARRAY && !rest.has("items")
            && (!rest.path("kind").isTextual() || rest.get("kind").asText().endsWith("List"))) {
          items = true;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            add(where + " item", mapper.readTree(parser));
          }
        } else {
          rest.set(field, mapper.readTree(parser));
        }
      }
      if (!items) {
        add(where, rest);
      } else if (!rest.path("kind").isTextual()) {
        throw notAnObject(where);
      } else if (!rest.get("kind").asText().endsWith("List")) {
        throw new InputException(file + ": " + where + " (" + rest.get("kind").asText()
            + ") has a list of items but is not a List; expected kubectl get ... -o yaml output");
      }
    }

    private InputException notAnObject(String where) {
      return new InputException(file + ": " + where
          + " is not a Kubernetes object (no \"kind\"); expected kubectl get ... -o yaml output");
    }

    private void add(String where, JsonNode node) {
      if (node.isArray()) {
        node.forEach(item -> add(where, item));
        return;
      }
      if (!node.isObject() || !node.path("kind").isTextual()) {
        throw notAnObject(where);
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
          node.get("items").forEach(item -> add(where + " item", item));
        } else if ("Pod".equals(kind)) {
          objects++;
          sink.pod(KUBERNETES.treeToValue(node, Pod.class));
        } else if ("Event".equals(kind) && "v1".equals(apiVersion)) {
          objects++;
          sink.event(KUBERNETES.treeToValue(node, Event.class));
        } else if (KServe.KIND.equals(kind) && apiVersion.startsWith(KServe.GROUP + "/")) {
          objects++;
          sink.inferenceService(KUBERNETES.treeToValue(node, GenericKubernetesResource.class));
        } else if ("DeployCheck".equals(kind) && apiVersion.startsWith(DeployCheck.GROUP + "/")) {
          objects++;
          sink.deployCheck(KUBERNETES.treeToValue(node, DeployCheck.class));
        } else if ("Node".equals(kind) && "v1".equals(apiVersion)) {
          sink.node(KUBERNETES.treeToValue(node, Node.class));
        }
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new InputException(file + ": " + where + " (" + kind + ") has an unexpected shape: " + shape(e));
      }
    }
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

  /** Where a value has the wrong type, and the type wanted, in the words of a YAML reader (no Java types). */
  static String shape(Exception e) {
    MismatchedInputException mismatch = e instanceof MismatchedInputException m ? m
        : e.getCause() instanceof MismatchedInputException m ? m : null;
    if (mismatch == null) {
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
