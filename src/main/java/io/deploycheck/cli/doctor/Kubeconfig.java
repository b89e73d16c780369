package io.deploycheck.cli.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deploycheck.diagnosis.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The parts of a kubeconfig that decide whether kubectl can use it, read from YAML with errors that name the line
 * and the entry. Parsing remembers every credential it meets in {@link Secrets}, so none is ever printed.
 */
record Kubeconfig(Path baseDirectory, String currentContext, Map<String, Context> contexts,
    Map<String, Cluster> clusters, Map<String, User> users) {

  record Cluster(String name, String server, String caData, String caFile, boolean insecure) {}

  record User(String name, String token, String tokenFile, String certData, String certFile, String keyData,
      String keyFile, String username, String password, ExecPlugin exec, String authProvider) {

    /** How this user authenticates, in words (never the credential itself). */
    String method() {
      List<String> methods = new ArrayList<>();
      if (exec != null) {
        methods.add("exec plugin " + exec.command());
      }
      if (certData != null || certFile != null) {
        methods.add("client certificate");
      }
      if (tokenFile != null) {
        methods.add("token file");
      } else if (token != null) {
        methods.add("bearer token");
      }
      if (username != null) {
        methods.add("basic auth");
      }
      if (authProvider != null) {
        methods.add("auth-provider " + authProvider);
      }
      return methods.isEmpty() ? "no credentials" : String.join(" + ", methods);
    }

    /** Never the credentials, should a user ever be logged. */
    @Override
    public String toString() {
      return "User[" + name + ", " + method() + "]";
    }
  }

  record Context(String name, String cluster, String user) {}

  /** The current context with the cluster and user it names. */
  record Selected(Context context, Cluster cluster, User user) {}

  private static final Pattern SECRET_ENV = Pattern.compile("(?i).*(SECRET|TOKEN|PASSWORD|KEY|CREDENTIAL).*");

  /** Parses {@code text}; {@code what} names the source in messages. */
  static Kubeconfig parse(String what, String text, Path baseDirectory, Secrets secrets) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(what + " is not valid YAML" + yamlProblem(e));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw invalid(what + " is empty");
    }
    if (!root.isObject()) {
      throw invalid(what + " is " + (root.isArray() ? "a YAML list" : "a single line of text")
          + ", not a kubeconfig (a mapping with clusters, users and contexts)"
          + (root.isTextual() && root.asText().matches("[A-Za-z0-9+/=]{16,}") ? ": it looks base64-encoded, decode"
              + " it first (base64 -d)" : ""));
    }
    String kind = text(root, "kind");
    if (kind != null && !"Config".equals(kind)) {
      throw invalid(what + " has kind " + kind + ", expected a kubeconfig (kind: Config)");
    }
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    for (JsonNode entry : entries(root, "clusters")) {
      String name = name(entry, "clusters");
      JsonNode cluster = section(entry, "cluster", name);
      clusters.put(name, new Cluster(name, text(cluster, "server"), text(cluster, "certificate-authority-data"),
          text(cluster, "certificate-authority"), "true".equals(text(cluster, "insecure-skip-tls-verify"))));
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (JsonNode entry : entries(root, "users")) {
      String name = name(entry, "users");
      users.put(name, user(name, section(entry, "user", name), secrets));
    }
    Map<String, Context> contexts = new LinkedHashMap<>();
    for (JsonNode entry : entries(root, "contexts")) {
      String name = name(entry, "contexts");
      JsonNode context = section(entry, "context", name);
      contexts.put(name, new Context(name, text(context, "cluster"), text(context, "user")));
    }
    return new Kubeconfig(baseDirectory, text(root, "current-context"), contexts, clusters, users);
  }

  /** "1 cluster, 1 user, 1 context". */
  String shape() {
    return count(clusters.size(), "cluster") + ", " + count(users.size(), "user") + ", "
        + count(contexts.size(), "context");
  }

  /** Resolves current-context to its cluster and user, failing with what is missing. */
  Selected current() {
    if (currentContext == null || currentContext.isBlank()) {
      throw invalid("current-context is not set, so kubectl falls back to localhost:8080; contexts: "
          + String.join(", ", contexts.keySet()) + " (select one: kubectl config use-context NAME)");
    }
    Context context = contexts.get(currentContext);
    if (context == null) {
      throw invalid("current-context \"" + currentContext + "\" is not among the contexts ("
          + String.join(", ", contexts.keySet()) + ")");
    }
    Cluster cluster = context.cluster() == null ? null : clusters.get(context.cluster());
    if (cluster == null) {
      throw invalid("context \"" + context.name() + "\" names cluster \"" + context.cluster()
          + "\", which is not among the clusters (" + String.join(", ", clusters.keySet()) + ")");
    }
    User user = context.user() == null ? null : users.get(context.user());
    if (user == null) {
      throw invalid("context \"" + context.name() + "\" names user \"" + context.user()
          + "\", which is not among the users (" + String.join(", ", users.keySet()) + ")");
    }
    return new Selected(context, cluster, user);
  }

  /** A path from the kubeconfig, relative to the kubeconfig's own directory as kubectl resolves it. */
  Path resolve(String path) {
    return baseDirectory.resolve(path);
  }

  private static User user(String name, JsonNode user, Secrets secrets) {
    String token = text(user, "token");
    String password = text(user, "password");
    String keyData = text(user, "client-key-data");
    secrets.add(token);
    secrets.add(password);
    secrets.add(keyData);
    secrets.add(decodedQuietly(keyData));
    JsonNode provider = user.path("auth-provider");
    provider.path("config").forEach(value -> secrets.add(value.asText()));
    JsonNode exec = user.path("exec");
    ExecPlugin plugin = null;
    if (exec.isObject()) {
      Map<String, String> env = new LinkedHashMap<>();
      for (JsonNode variable : exec.path("env")) {
        String variableName = text(variable, "name");
        String value = text(variable, "value");
        if (variableName != null) {
          env.put(variableName, value == null ? "" : value);
          if (SECRET_ENV.matcher(variableName).matches()) {
            secrets.add(value);
          }
        }
      }
      List<String> args = new ArrayList<>();
      exec.path("args").forEach(arg -> args.add(arg.asText()));
      plugin = new ExecPlugin(text(exec, "command"), List.copyOf(args), env, text(exec, "apiVersion"),
          text(exec, "installHint"));
    }
    return new User(name, token, text(user, "tokenFile"), text(user, "client-certificate-data"),
        text(user, "client-certificate"), keyData, text(user, "client-key"), text(user, "username"), password,
        plugin, text(provider, "name"));
  }

  private static Iterable<JsonNode> entries(JsonNode root, String field) {
    JsonNode list = root.path(field);
    if (list.isMissingNode() || list.isNull() || (list.isArray() && list.isEmpty())) {
      throw invalid("the kubeconfig has no " + field);
    }
    if (!list.isArray()) {
      throw invalid(field + " is not a list (each entry starts with \"- name: ...\")");
    }
    return list;
  }

  private static String name(JsonNode entry, String list) {
    String name = text(entry, "name");
    if (name == null || name.isBlank()) {
      throw invalid("an entry of " + list + " has no name");
    }
    return name;
  }

  private static JsonNode section(JsonNode entry, String field, String name) {
    JsonNode section = entry.path(field);
    if (section.isNull() && "user".equals(field)) {
      return section; // "user: {}" written as "user:" is a user without credentials, as kubectl reads it
    }
    if (!section.isObject()) {
      throw invalid(field + " \"" + name + "\" has no " + field + ": section");
    }
    return section;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  private static String yamlProblem(JsonProcessingException e) {
    // SnakeYAML's message quotes the offending line, which may hold a token: keep only where and what.
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return " at line " + (marked.getProblemMark().getLine() + 1) + ", column "
          + (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem()
          + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
    }
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
  }

  private static String decodedQuietly(String base64) {
    if (base64 == null) {
      return null;
    }
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static CheckFailure invalid(String detail) {
    return new CheckFailure(Reason.KubeconfigInvalid, detail);
  }
}
