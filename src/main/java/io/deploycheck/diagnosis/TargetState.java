package io.deploycheck.diagnosis;

/** What is known about the InferenceService a check names. */
public enum TargetState {
  /** The object exists and its facts are in the evidence. */
  PRESENT,
  /** The API answered that it does not exist. */
  NOT_FOUND,
  /** The InferenceService kind is not served by the cluster. */
  KSERVE_NOT_INSTALLED,
  /** Offline: the dump simply does not hold it, which proves nothing. */
  UNKNOWN
}
