package io.deploycheck.cli;

import io.deploycheck.diagnosis.Diagnosis;

/** A diagnosis and what it is about: {@code <ns>/<isvc>}, {@code <ns>/<pod>} or {@code log:<file>}. */
public record Target(String name, Diagnosis diagnosis) {}
