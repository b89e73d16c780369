package io.deploycheck.cli.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deploycheck.cli.Renderer;
import io.deploycheck.cli.Runbook;
import java.io.PrintWriter;

/**
 * Prints a {@link Report}: text for a CI log (the checks, then the reason and hint as its last lines), or JSON
 * {@code {"reason","hint","checks":[{"name","ok","detail"}]}} with reason and hint null when all checks pass.
 */
public enum ReportFormat {
  text {
    @Override
    void render(Report report, PrintWriter out) {
      for (Check check : report.checks()) {
        out.printf("  %-7s %-15s %s%n", label(check.outcome()), check.name(), Renderer.safe(check.detail()));
      }
      if (report.problemFound()) {
        Integer problem = report.reason().guideProblem();
        field(out, "Reason", report.reason().name() + (problem == null ? "" : " (guide problem " + problem + ")"));
        field(out, "Hint", report.hint());
        field(out, "Runbook", Runbook.url(report.reason()));
      } else {
        field(out, "Result", "all checks passed: kubectl can use this kubeconfig");
      }
      out.flush();
    }
  },
  json {
    @Override
    void render(Report report, PrintWriter out) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("reason", report.problemFound() ? report.reason().name() : null);
      root.put("hint", Renderer.safeJson(report.hint()));
      ArrayNode checks = root.putArray("checks");
      for (Check check : report.checks()) {
        checks.addObject().put("name", check.name()).put("ok", check.ok())
            .put("detail", Renderer.safeJson(check.detail()));
      }
      Renderer.print(root, out);
    }
  };

  abstract void render(Report report, PrintWriter out);

  private static String label(Check.Outcome outcome) {
    return switch (outcome) {
      case passed -> "[ok]";
      case warning -> "[warn]";
      case failed -> "[FAIL]";
    };
  }

  private static void field(PrintWriter out, String name, String value) {
    out.printf("%-9s %s%n", name + ":", Renderer.safe(value));
  }
}
