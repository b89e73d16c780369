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
  Kubeconfig;

  /** Seen in a cluster (the operator, wait, a dump), as opposed to a CI pipeline's log or a kubeconfig. */
  public boolean inCluster() {
    return this != Pipeline && this != Kubeconfig;
  }
}
