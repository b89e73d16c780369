package io.deploycheck.bench;

import io.deploycheck.cli.Dump;
import io.deploycheck.cli.Input;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.Evidence;
import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.TargetState;
import io.deploycheck.kube.EvidenceMapper;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pod snapshots classified per second on one thread: the engine judges evidence built from real fixtures (a pod
 * in image-pull back-off with its events, a crash-looping OOM-killed pod, a pending pod the scheduler rejects and a
 * ready one), repeated to {@code pods} pods per rollout. Throughput x pods = pod snapshots per second.
 *
 * <p>{@code messages=repeated} re-judges the same evidence, as an operator does on every reconcile (message verdicts
 * and parsed images are cached); {@code messages=unique} gives every rollout of a pool larger than those caches its
 * own message texts, so each is classified from scratch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
  private static final String[] FIXTURES = {
      "src/test/resources/fixtures/ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml",
      "src/test/resources/fixtures/OOMKilled/guide-256mi-crashloop-rawdeployment.yaml",
      "src/test/resources/fixtures/InsufficientResources/memory-serverless-k8s-1.31.yaml",
      "src/test/resources/fixtures/Ready/rawdeployment-two-replicas-ready.yaml"};

  @Param({"1", "10"})
  public int pods;

  @Param({"repeated", "unique"})
  public String messages;

  private static final int UNIQUE_POOL = 20_000;

  private final DiagnosisEngine engine = new DiagnosisEngine();
  private final List<Evidence> rollouts = new ArrayList<>();
  private int next;

  @Setup
  public void load() {
    for (String fixture : FIXTURES) {
      Dump dump = Dump.parse(Input.open(fixture, new ByteArrayInputStream(new byte[0])));
      PodFacts template = EvidenceMapper.pod(dump.pods().get(dump.pods().size() - 1));
      List<EventFacts> events = new ArrayList<>(dump.events().stream().map(EvidenceMapper::event).toList());
      List<PodFacts> many = new ArrayList<>();
      for (int i = 0; i < pods; i++) {
        many.add(template);
      }
      Instant now = Instant.parse("2026-11-27T10:05:00Z");
      int copies = "unique".equals(messages) ? UNIQUE_POOL / FIXTURES.length : 1;
      for (int copy = 0; copy < copies; copy++) {
        int suffix = copy;
        List<EventFacts> own = copies == 1 ? events : events.stream().map(e -> suffixed(e, suffix)).toList();
        rollouts.add(new Evidence("kubeflow-user01", "california-housing", TargetState.UNKNOWN, null,
            CheckSpec.defaults(), many, own, List.of(), List.of(), null, null, now));
      }
    }
    Collections.shuffle(rollouts, new Random(1));
  }

  private static EventFacts suffixed(EventFacts e, int copy) {
    return new EventFacts(e.objectKind(), e.objectName(), e.objectUid(), e.container(), e.type(), e.reason(),
        e.message() == null ? null : e.message() + " (" + copy + ")", e.count(), e.firstSeen(), e.lastSeen());
  }

  @Benchmark
  public Diagnosis diagnose() {
    Evidence evidence = rollouts.get(next);
    next = (next + 1) % rollouts.size();
    return engine.diagnose(evidence);
  }
}
