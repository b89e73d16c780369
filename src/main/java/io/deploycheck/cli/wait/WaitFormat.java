package io.deploycheck.cli.wait;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deploycheck.cli.Renderer;
import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.GoDuration;
import io.deploycheck.text.SafeText;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Prints how a wait ended: text for a CI log (the diagnosis as {@code diagnose} shows it, the health check, and a
 * last {@code Result:} line), or one JSON document {@code {"target","phase","reason","category","guideProblem",
 * "message","hint","evidence","warnings","readyPods","totalPods","timedOut","health"}}. Progress lines are the same
 * in both; with JSON they go to standard error, so standard output holds the document alone.
 */
enum WaitFormat {
  text {
    @Override
    void render(WaitResult result, PrintWriter out) {
      out.println();
      Verdict verdict = result.verdict();
      if (verdict != null) {
        Renderer.describe(result.target(), verdict, out);
      } else {
        out.println(Renderer.safe(result.target()));
        Renderer.field(out, "Message", result.outcome().last().awaiting().message());
        Renderer.field(out, "Hint", result.outcome().last().awaiting().hint());
      }
      HealthResult health = result.health();
      if (health != null) {
        Renderer.field(out, "Health", request(health) + (health.status() == 0 ? "" : ": HTTP " + health.status()));
        if (health.body() != null && !health.body().isEmpty()) {
          health.body().lines().limit(BODY_LINES).forEach(line -> out.println(CONTINUATION + Renderer.safe(line)));
        }
        if (health.modelLoaded() != null) {
          out.println(CONTINUATION + "model_loaded: " + health.modelLoaded());
        }
      }
      Renderer.field(out, "Result", outcome(result));
      out.flush();
    }
  },
  json {
    @Override
    void render(WaitResult result, PrintWriter out) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("target", Renderer.safeJson(result.target()));
      Verdict verdict = result.verdict();
      if (verdict != null) {
        Renderer.fields(root, verdict);
        root.put("readyPods", verdict.readyPods()).put("totalPods", verdict.totalPods());
      } else {
        root.putNull("phase");
        root.putNull("reason");
        root.put("message", Renderer.safeJson(result.outcome().last().awaiting().message()));
        root.put("hint", Renderer.safeJson(result.outcome().last().awaiting().hint()));
      }
      root.put("timedOut", result.outcome().timedOut());
      HealthResult health = result.health();
      if (health == null) {
        root.putNull("health");
      } else {
        ObjectNode node = root.putObject("health");
        node.put("pod", Renderer.safeJson(health.pod())).put("port", health.probe().port())
            .put("path", Renderer.safeJson(health.probe().path())).put("ok", health.ok())
            .put("problem", Renderer.safeJson(health.problem()));
        if (health.status() != 0) {
          node.put("status", health.status());
        }
        if (health.modelLoaded() != null) {
          node.put("modelLoaded", health.modelLoaded());
        }
        JsonNode body = health.json() == null ? null : masked(health.json());
        if (body != null) {
          node.set("body", body);
        } else {
          node.put("body", Renderer.safeJson(health.body()));
        }
      }
      Renderer.print(root, out);
    }
  };

  /** A health endpoint's body is shown in part: it answers a probe, not a reader. */
  private static final int BODY_LINES = 20;
  /** Lines under a field start where its value does. */
  private static final String CONTINUATION = " ".repeat(12);

  abstract void render(WaitResult result, PrintWriter out);

  /** One line per change: time waited, phase, reason and pods, or what is awaited. */
  static String progressLine(Observation observation, Duration waited) {
    String elapsed = String.format("%7s  ", GoDuration.format(waited));
    Verdict v = observation.verdict();
    if (v == null) {
      return elapsed + Renderer.safe(observation.awaiting().message());
    }
    return elapsed + String.format("%-11s  %-26s  %d/%d pods ready", v.phase(), v.reason(), v.readyPods(),
        v.totalPods());
  }

  /** The body's JSON with credentials masked; null when masking left no JSON (a cut-off private key). */
  private static JsonNode masked(JsonNode json) {
    try {
      return SafeText.jsonMapper().readTree(SafeText.mask(json.toString()));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String request(HealthResult health) {
    String target = health.pod() == null ? "port " + health.probe().port() + ": no pod asked"
        : "pod " + health.pod() + ":" + health.probe().port() + " through the API server's pod proxy";
    return "GET " + health.probe().path() + " on " + target;
  }

  private static String outcome(WaitResult result) {
    if (result.outcome().timedOut()) {
      return "timed out after " + GoDuration.format(result.timeout());
    }
    Verdict verdict = result.verdict();
    if (!result.ready()) {
      return verdict.phase() + " (" + verdict.reason() + ")";
    }
    HealthResult health = result.health();
    if (health == null) {
      return "Ready";
    }
    return health.ok() ? "Ready, health check passed" : "health check failed: " + health.problem();
  }
}
