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
      name = argument(exec.args(), "--cluster-name", "--cluster-id", "-i");
      region = argument(exec.args(), "--region");
      if (region == null) {
        region = exec.env().getOrDefault("AWS_REGION", exec.env().get("AWS_DEFAULT_REGION"));
      }
    }
    for (String entry : List.of(selected.cluster().name(), selected.context().name(), selected.user().name())) {
      Matcher arn = ARN.matcher(entry);
      if (arn.matches()) {
        region = region == null ? arn.group(1) : region;
        name = name == null ? arn.group(2) : name;
      }
    }
    if (region == null) {
      region = endpointRegion(selected.cluster().server());
    }
    return new EksCluster(name, region);
  }

  private static String endpointRegion(String server) {
    try {
      String host = server == null ? null : URI.create(server.strip()).getHost();
      Matcher endpoint = host == null ? null : ENDPOINT.matcher(host);
      return endpoint != null && endpoint.matches() ? endpoint.group(1) : null;
    } catch (IllegalArgumentException e) {
      return null; // not a URL: the context check reports it
    }
  }

  /** The value of the first of {@code flags} given ({@code --flag value} or {@code --flag=value}), or null. */
  private static String argument(List<String> args, String... flags) {
    for (String flag : flags) {
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals(flag) && i + 1 < args.size()) {
          return args.get(i + 1);
        }
        if (arg.startsWith(flag + "=")) {
          return arg.substring(flag.length() + 1);
        }
      }
    }
    return null;
  }
}
