package io.deploycheck.diagnosis;

/** The family a reason belongs to; used as a metric label and in the status. */
public enum Category {
  Target,
  Model,
  ImagePull,
  Startup,
  Crash,
  Probe,
  Scheduling,
  Timeout,
  Pipeline,
  Kubeconfig
}
