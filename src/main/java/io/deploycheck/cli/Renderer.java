package io.deploycheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Finding;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnoses as text that reads like {@code kubectl describe}, or as the JSON of DESIGN section 5. */
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
        Diagnosis d = target.diagnosis();
        out.println(target.name());
        field(out, "Phase", d.phase().name());
        String family = d.category() == null ? "" : " (" + d.category()
            + (d.guideProblem() == null ? "" : ", guide problem " + d.guideProblem()) + ")";
        field(out, "Reason", d.reason().name() + family);
        if (d.totalPods() > 0) {
          field(out, "Pods", d.readyPods() + "/" + d.totalPods() + " ready");
        }
        if (d.since() != null) {
          field(out, "Since", d.since().toString());
        }
        field(out, "Message", d.message());
        if (!d.evidence().isEmpty()) {
          out.println("  Evidence:");
          d.evidence().forEach(line -> out.println("    " + line));
        }
        field(out, "Hint", d.hint());
        if (d.reason().isProblem()) {
          field(out, "Runbook", d.reason().runbookAnchor());
        }
        if (!d.warnings().isEmpty()) {
          out.println("  Warnings:");
          for (Finding w : d.warnings()) {
            out.println("    " + w.reason() + ": " + w.message());
            out.println("      Hint: " + w.hint());
          }
        }
      }
      out.flush();
    }
  },
  json {
    @Override
    void render(List<Target> targets, PrintWriter out) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      ArrayNode diagnoses = root.putArray("diagnoses");
      for (Target target : targets) {
        Diagnosis d = target.diagnosis();
        ObjectNode node = diagnoses.addObject();
        node.put("target", target.name());
        node.put("phase", d.phase().name());
        node.put("reason", d.reason().name());
        if (d.category() != null) {
          node.put("category", d.category().name());
        }
        if (d.guideProblem() != null) {
          node.put("guideProblem", d.guideProblem());
        }
        node.put("message", d.message());
        node.put("hint", d.hint());
        ArrayNode evidence = node.putArray("evidence");
        d.evidence().forEach(evidence::add);
        ArrayNode warnings = node.putArray("warnings");
        for (Finding w : d.warnings()) {
          warnings.addObject().put("reason", w.reason().name()).put("message", w.message()).put("hint", w.hint());
        }
      }
      try {
        out.println(mapper.writeValueAsString(root));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
    }
  };

  abstract void render(List<Target> targets, PrintWriter out);

  private static void field(PrintWriter out, String name, String value) {
    out.printf("  %-9s %s%n", name + ":", value);
  }
}
