package io.deploycheck.registry;

import java.util.Collection;

/** Finds the existing repository a missing one was probably meant to be (the guide's "wrong ECR image path"). */
final class RepositoryNames {
  private RepositoryNames() {}

  /**
   * The name closest to {@code wanted} when it is near enough to be a slip: at most a quarter of the name's length
   * in single-character edits (between 1 and 3), or the same last path segment under another namespace (the image
   * pushed elsewhere). Null when no name is near; ties go to the alphabetically first name.
   */
  static String closest(String wanted, Collection<String> names) {
    int allowed = Math.max(1, Math.min(3, wanted.length() / 4));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : names) {
      int distance = distance(wanted, name);
      boolean near = distance <= allowed || lastSegment(name).equals(lastSegment(wanted));
      if (near && !name.equals(wanted)
          && (distance < bestDistance || (distance == bestDistance && name.compareTo(best) < 0))) {
        best = name;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions each count one. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String lastSegment(String repository) {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }
}
