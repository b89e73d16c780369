package io.deploycheck.cli.doctor;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EKS cluster name and region a kubeconfig points at, for the hint's {@code aws eks update-kubeconfig --name
 * ${cluster} --region ${region}}. Read from what {@code aws eks update-kubeconfig} and aws-iam-authenticator write:
 * the exec arguments, the cluster ARN used as entry name, and the endpoint's host.
 */
record EksCluster(String name, String region) {

  private static final Pattern ARN = Pattern.compile("^arn:aws[\\w-]*:eks:([a-z0-9-]+):\\d{12}:cluster/([\\w.-]+)$");
  /** https://&lt;id&gt;.&lt;gr7|yl4|sk1 ...&gt;.&lt;region&gt;.eks.amazonaws.com(.cn). */
  private static final Pattern ENDPOINT = Pattern.compile("^[0-9A-Fa-f]+\\.[a-z0-9]+\\.([a-z0-9-]+)\\.eks\\.amazonaws\\.com(?:\\.cn)?$");

  static EksCluster of(Kubeconfig.Selected selected) {
    String name = null;
    String region = null;
    ExecPlugin exec = selected.user().exec();
    if (exec != null) {
      List<String> args = exec.args();
      name = firstNonNull(argument(args, "--cluster-name"), argument(args, "--cluster-id"), argument(args, "-i"));
      region = firstNonNull(argument(args, "--region"), exec.env().get("AWS_REGION"),
          exec.env().get("AWS_DEFAULT_REGION"));
    }
    for (String entry : List.of(selected.cluster().name(), selected.context().name(), selected.user().name())) {
      Matcher arn = ARN.matcher(entry);
      if (arn.matches()) {
        region = firstNonNull(region, arn.group(1));
        name = firstNonNull(name, arn.group(2));
      }
    }
    if (region == null && selected.cluster().server() != null) {
      try {
        String host = URI.create(selected.cluster().server().strip()).getHost();
        Matcher endpoint = host == null ? null : ENDPOINT.matcher(host);
        if (endpoint != null && endpoint.matches()) {
          region = endpoint.group(1);
        }
      } catch (IllegalArgumentException e) {
        // not a URL: the context check reports it
      }
    }
    return new EksCluster(name, region);
  }

  /** The value after {@code flag} ({@code --flag value} or {@code --flag=value}), or null. */
  private static String argument(List<String> args, String flag) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(flag) && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (arg.startsWith(flag + "=")) {
        return arg.substring(flag.length() + 1);
      }
    }
    return null;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
