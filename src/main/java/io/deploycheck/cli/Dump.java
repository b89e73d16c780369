package io.deploycheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.kube.KServe;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kubernetes objects of a dump: what {@code kubectl get pods,events,inferenceservices,deploychecks -o yaml} prints (a List,
 * multi-document YAML, or JSON). Kinds that do not matter to a rollout (ReplicaSets, Services ...) are skipped.
 */
public record Dump(List<Pod> pods, List<Event> events, List<GenericKubernetesResource> inferenceServices,
    List<DeployCheck> deployChecks) {

  /** Text that starts like YAML or JSON objects is a dump; anything else is read as a log. */
  private static final Pattern LOOKS_LIKE_OBJECTS =
      Pattern.compile("\\A(?:\\s*#[^\\n]*\\n)*\\s*(?:\\{|\\[|---|apiVersion:|kind:|items:|metadata:)");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  public static boolean looksLikeDump(String text) {
    return LOOKS_LIKE_OBJECTS.matcher(text).find();
  }

  public static Dump parse(Input input) {
    Dump dump = new Dump(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    ObjectMapper mapper = input.text().stripLeading().startsWith("{") || input.text().stripLeading().startsWith("[")
        ? new ObjectMapper() : new YAMLMapper();
    int document = 0;
    try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(input.text())) {
      while (documents.hasNext()) {
        JsonNode node = documents.next();
        document++;
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        dump.add(input.name(), "document " + document, node);
      }
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new InputException(input.name() + ": not valid YAML or JSON" + where + ": " + e.getOriginalMessage()
          .lines().findFirst().orElse("parse error"));
    } catch (IOException | RuntimeException e) {
      throw new InputException(input.name() + ": not valid YAML or JSON: " + firstLine(e.getMessage()));
    }
    if (dump.pods().isEmpty() && dump.events().isEmpty() && dump.inferenceServices().isEmpty()
        && dump.deployChecks().isEmpty()) {
      throw new InputException(input.name()
          + ": holds no Pods, Events, InferenceServices or DeployChecks (expected kubectl get ... -o yaml output)");
    }
    return dump;
  }

  public void addAll(Dump other) {
    pods.addAll(other.pods);
    events.addAll(other.events);
    inferenceServices.addAll(other.inferenceServices);
    deployChecks.addAll(other.deployChecks);
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
    try {
      if (node.has("items") && kind.endsWith("List")) {
        node.get("items").forEach(item -> add(file, where + " item", item));
      } else if ("Pod".equals(kind)) {
        pods.add(SERIALIZATION.convertValue(node, Pod.class));
      } else if ("Event".equals(kind) && "v1".equals(apiVersion)) {
        events.add(SERIALIZATION.convertValue(node, Event.class));
      } else if (KServe.KIND.equals(kind) && apiVersion.startsWith(KServe.GROUP + "/")) {
        inferenceServices.add(SERIALIZATION.convertValue(node, GenericKubernetesResource.class));
      } else if ("DeployCheck".equals(kind) && apiVersion.startsWith(DeployCheck.GROUP + "/")) {
        deployChecks.add(SERIALIZATION.convertValue(node, DeployCheck.class));
      }
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + where + " (" + kind + ") has an unexpected shape: "
          + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
  }
}
