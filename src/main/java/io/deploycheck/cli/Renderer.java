package io.deploycheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.deploycheck.diagnosis.PodVerdict;
import io.deploycheck.text.SafeText;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints diagnoses as text that reads like {@code kubectl describe}, or as the JSON (or the same document as YAML)
 * of DESIGN section 5. JSON and YAML carry every field the text shows.
 */
public enum Renderer {
  text {
    @Override
    void render(List<Target> targets, PrintWriter out) {
      boolean first = true;
      for (Target target : targets) {
        if (!first) {
          out.println();
        }
        first = false;
        describe(target.name(), Verdict.of(target.diagnosis()), out);
      }
      out.flush();
    }
  },
  json {
    @Override
    void render(List<Target> targets, PrintWriter out) {
      print(document(targets), out);
    }
  },
  yaml {
    @Override
    void render(List<Target> targets, PrintWriter out) {
      try {
        out.print(YAML.writeValueAsString(document(targets)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
    }
  };

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** Longest value printed for one field; messages quote whatever kubelet, a registry or a log line held. */
  public static final int FIELD_LIMIT = 4096;

  abstract void render(List<Target> targets, PrintWriter out);

  private static ObjectNode document(List<Target> targets) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode diagnoses = root.putArray("diagnoses");
    for (Target target : targets) {
      fields(diagnoses.addObject().put("target", safeJson(target.name())), Verdict.of(target.diagnosis()));
    }
    return root;
  }

  /** A verdict as {@code kubectl describe} would show it, under its target's name. */
  public static void describe(String name, Verdict v, PrintWriter out) {
    out.println(safe(name));
    field(out, "Phase", v.phase().name());
    String family = v.category() == null ? "" : " (" + v.category()
        + (v.guideProblem() == null ? "" : ", guide problem " + v.guideProblem()) + ")";
    field(out, "Reason", v.reason().name() + family);
    if (v.totalPods() > 0) {
      field(out, "Pods", v.readyPods() + "/" + v.totalPods() + " ready");
    }
    if (v.since() != null) {
      field(out, "Since", v.since().toString());
    }
    field(out, "Message", v.message());
    List<String> evidence = v.evidence().stream().filter(line -> !repeats(v.message(), line)).toList();
    if (!evidence.isEmpty()) {
      out.println("  Evidence:");
      evidence.forEach(line -> out.println("    " + safe(line)));
    }
    field(out, "Hint", v.hint());
    if (v.reason().isProblem()) {
      field(out, "Runbook", Runbook.url(v.reason()));
    }
    if (!v.warnings().isEmpty()) {
      out.println("  Warnings:");
      for (Verdict.Note w : v.warnings()) {
        out.println("    " + safe(w.reason()) + ": " + safe(w.message()));
        out.println("      Hint: " + safe(w.hint()));
      }
    }
  }

  /**
   * Does an evidence line only say again what the message says? Messages are "pod P container C: text" or
   * "line N: text" and their evidence "container C waiting R: text" or the same line: the text is compared.
   */
  static boolean repeats(String message, String evidence) {
    if (message == null || evidence == null) {
      return false;
    }
    int colon = message.indexOf(": ");
    String said = colon < 0 ? message : message.substring(colon + 2);
    return evidence.equals(message) || !said.isBlank() && evidence.endsWith(said);
  }

  /** One line of a {@link #describe} block, for callers that add their own (wait's health check). */
  public static void field(PrintWriter out, String name, String value) {
    out.printf("  %-9s %s%n", name + ":", safe(value));
  }

  /** Text as the terminal may show it: credentials masked, escapes printable, at most {@link #FIELD_LIMIT}. */
  public static String safe(String value) {
    return SafeText.text(value, FIELD_LIMIT);
  }

  /** A JSON string value: credentials masked, bounded; {@link #print} escapes control characters. */
  public static String safeJson(String value) {
    return SafeText.json(value, FIELD_LIMIT);
  }

  /** The JSON fields of a verdict, as in {@code diagnose -o json}: category and guideProblem only when known. */
  public static ObjectNode fields(ObjectNode node, Verdict v) {
    node.put("phase", v.phase().name());
    node.put("reason", v.reason().name());
    if (v.category() != null) {
      node.put("category", v.category().name());
    }
    if (v.guideProblem() != null) {
      node.put("guideProblem", v.guideProblem());
    }
    node.put("message", safeJson(v.message()));
    node.put("hint", safeJson(v.hint()));
    if (v.reason().isProblem()) {
      node.put("runbook", Runbook.url(v.reason()));
    }
    if (v.since() != null) {
      node.put("since", v.since().toString());
    }
    node.put("readyPods", v.readyPods());
    node.put("totalPods", v.totalPods());
    ArrayNode pods = node.putArray("pods");
    for (PodVerdict pod : v.pods()) {
      ObjectNode p = pods.addObject().put("name", safeJson(pod.name())).put("ready", pod.ready())
          .put("reason", pod.reason().name()).put("restarts", pod.restarts());
      if (pod.phase() != null) {
        p.put("phase", pod.phase());
      }
      if (pod.image() != null) {
        p.put("image", safeJson(pod.image()));
      }
    }
    ArrayNode evidence = node.putArray("evidence");
    v.evidence().forEach(line -> evidence.add(safeJson(line)));
    ArrayNode warnings = node.putArray("warnings");
    for (Verdict.Note w : v.warnings()) {
      warnings.addObject().put("reason", safeJson(w.reason())).put("message", safeJson(w.message()))
          .put("hint", safeJson(w.hint()));
    }
    return node;
  }

  /** Prints a JSON document, indented, with every control character escaped. */
  public static void print(ObjectNode root, PrintWriter out) {
    try {
      out.println(SafeText.jsonMapper().writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }
}
