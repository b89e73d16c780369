package io.deploycheck.cli.doctor;

import io.deploycheck.diagnosis.Reason;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the checks of {@code doctor kubeconfig} in the order a kubeconfig fails in CI: where it comes from, base64,
 * YAML, current context, exec plugin on PATH, server reachable, authentication. A failure ends the run, except a
 * missing exec plugin: the server is still worth trying, since reaching it needs no credentials.
 */
public final class KubeconfigDoctor {
  private final Environment environment;
  private final Duration timeout;

  public KubeconfigDoctor(Environment environment, Duration timeout) {
    this.environment = environment;
    this.timeout = timeout;
  }

  /** Examines the kubeconfig named by the flags (both null: the default sources). */
  public Report examine(Path file, String data) {
    Examination run = new Examination();
    try {
      KubeconfigSource source = run.check("source", () -> {
        KubeconfigSource found = KubeconfigSource.resolve(file, data, environment);
        return Step.of(found, found.describe());
      });
      String text = source.base64() ? run.check("base64", () -> {
        Base64Text.Decoded decoded = Base64Text.decode(source.name(), source.text());
        return new Step<>(decoded.text(), "decodes to " + decoded.bytes() + " bytes of text", decoded.warning());
      }) : source.text();
      Kubeconfig kubeconfig = run.check("yaml", () -> {
        Kubeconfig parsed = Kubeconfig.parse("the kubeconfig", text, source.directory(), run.secrets);
        return Step.of(parsed, parsed.shape());
      });
      Kubeconfig.Selected selected = run.check("context", () -> context(kubeconfig, run));
      Path plugin = null;
      boolean pluginFound = true;
      try {
        plugin = run.check("exec-plugin", () -> plugin(kubeconfig, selected.user()));
      } catch (CheckFailure missing) {
        pluginFound = false;
      }
      ApiServer api = new ApiServer(run.server, timeout);
      run.check("server", () -> Step.of(null, api.reach(run.anonymous),
          selected.cluster().insecure() ? "the certificate is not verified (insecure-skip-tls-verify: true)" : null));
      if (pluginFound) {
        Path executable = plugin;
        run.check("authentication", () -> Step.of(null, authenticate(kubeconfig, selected, executable, api, run)));
      }
    } catch (CheckFailure recorded) {
      // the failed check is in the report; later checks depend on it and are not run
    }
    return Report.of(run.checks, run.hintValues, run.secrets);
  }

  private Step<Kubeconfig.Selected> context(Kubeconfig kubeconfig, Examination run) {
    Kubeconfig.Selected selected = kubeconfig.current();
    EksCluster eks = EksCluster.of(selected);
    run.hint("cluster", eks.name());
    run.hint("region", eks.region());
    run.hint("server", selected.cluster().server());
    if (selected.user().exec() != null) {
      run.hint("plugin", selected.user().exec().command());
    }
    run.server = ApiServer.parse(selected.cluster().server(), selected.cluster().name());
    run.anonymous = Connection.anonymous(kubeconfig, selected.cluster(),
        Connection.ClientCertificate.of(kubeconfig, selected.user()), timeout);
    return Step.of(selected, describe(selected));
  }

  /** "ctx": server URL, user "u" with exec plugin aws; entry names equal to the context's are not repeated. */
  private static String describe(Kubeconfig.Selected selected) {
    String context = selected.context().name();
    String cluster = selected.cluster().name();
    String user = selected.user().name();
    return "\"" + context + "\": server " + selected.cluster().server()
        + (cluster.equals(context) ? "" : " (cluster \"" + cluster + "\")")
        + ", " + (user.equals(context) ? "" : "user \"" + user + "\" with ") + selected.user().method();
  }

  private Step<Path> plugin(Kubeconfig kubeconfig, Kubeconfig.User user) {
    ExecPlugin exec = user.exec();
    if (exec == null) {
      return Step.of(null, "none: the user does not use an exec credential plugin");
    }
    exec.validate();
    Path found = exec.locate(environment, kubeconfig.baseDirectory());
    if (found == null) {
      throw new CheckFailure(Reason.KubeconfigExecPluginMissing, exec.command() + " is not on PATH ("
          + searched(environment.path().size())
          + "); the kubeconfig runs: " + exec.commandLine()
          + (exec.installHint() == null ? "" : ". Its install hint: " + exec.installHint().strip()));
    }
    return Step.of(found, exec.command() + " found at " + found + "; the kubeconfig runs: " + exec.commandLine());
  }

  private String authenticate(Kubeconfig kubeconfig, Kubeconfig.Selected selected, Path plugin, ApiServer api,
      Examination run) {
    Kubeconfig.User user = selected.user();
    Credentials credentials;
    Connection.ClientCertificate certificate = Connection.ClientCertificate.of(kubeconfig, user);
    if (user.exec() != null) {
      credentials = user.exec().run(plugin, environment, timeout, run.secrets);
      if (credentials.hasClientCertificate()) {
        certificate = Connection.ClientCertificate.ofPem(credentials);
      }
    } else {
      credentials = new Credentials(token(kubeconfig, user, run.secrets), null, null, user.username(),
          user.password());
    }
    if (credentials.isEmpty() && certificate == null) {
      throw new CheckFailure(Reason.KubeconfigUnauthorized, "user \"" + user.name() + "\" has no credentials (no"
          + " token, client certificate, exec plugin or password), so the API server would treat kubectl as"
          + " system:anonymous" + (user.authProvider() == null ? "" : "; auth-provider " + user.authProvider()
          + " is not checked by doctor"));
    }
    return api.authenticate(Connection.withCredentials(run.anonymous, certificate, credentials));
  }

  private static String searched(int directories) {
    return switch (directories) {
      case 0 -> "PATH is empty";
      case 1 -> "1 directory searched";
      default -> directories + " directories searched";
    };
  }

  /** tokenFile wins over token, as in client-go. */
  private static String token(Kubeconfig kubeconfig, Kubeconfig.User user, Secrets secrets) {
    if (user.tokenFile() == null) {
      return user.token();
    }
    Path file = kubeconfig.resolve(user.tokenFile());
    try {
      String token = Files.readString(file).strip();
      secrets.add(token);
      return token;
    } catch (NoSuchFileException e) {
      throw new CheckFailure(Reason.KubeconfigInvalid, "tokenFile " + file + " does not exist");
    } catch (IOException e) {
      throw new CheckFailure(Reason.KubeconfigInvalid, "tokenFile " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** A step's result: a value for the next steps, the detail to print, and an optional warning. */
  private record Step<T>(T value, String detail, String warning) {
    static <T> Step<T> of(T value, String detail) {
      return new Step<>(value, detail, null);
    }

    static <T> Step<T> of(T value, String detail, String warning) {
      return new Step<>(value, detail, warning);
    }
  }

  /** The state of one run: checks so far, values for the hint, credentials to mask, the cluster to connect to. */
  private static final class Examination {
    final List<Check> checks = new ArrayList<>();
    final Map<String, String> hintValues = new LinkedHashMap<>();
    final Secrets secrets = new Secrets();
    URI server;
    Config anonymous;

    <T> T check(String name, Supplier<Step<T>> step) {
      try {
        Step<T> result = step.get();
        checks.add(result.warning() == null ? Check.passed(name, result.detail())
            : Check.warning(name, result.detail() + "; warning: " + result.warning()));
        return result.value();
      } catch (CheckFailure failure) {
        checks.add(Check.failed(name, failure.reason(), failure.detail()));
        throw failure;
      }
    }

    void hint(String name, String value) {
      if (value != null) {
        hintValues.put(name, value);
      }
    }
  }
}
