import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the RBAC objects (ServiceAccount, Roles, ClusterRoles and their bindings) of the chart, rendered by the
 * same Helm library the chart tests use (helm-java), so the operator under test runs with exactly the permissions
 * `helm install` would give it. Usage: java -cp CLASSPATH RenderRbac.java CHART RELEASE NAMESPACE [key=value...]
 */
public final class RenderRbac {
  private static final Set<String> RBAC_KINDS =
      Set.of("ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
  private static final Pattern KIND = Pattern.compile("(?m)^kind: (\\S+)$");

  public static void main(String[] args) {
    var template = new Helm(Path.of(args[0])).template()
        .withName(args[1])
        .withNamespace(args[2])
        // Without a cluster helm assumes Kubernetes v1.20, older than the chart's kubeVersion.
        .withKubeVersion("1.33.0");
    for (int i = 3; i < args.length; i++) {
      String[] pair = args[i].split("=", 2);
      template.set(pair[0], pair[1]);
    }
    StringBuilder out = new StringBuilder();
    for (String document : template.call().split("(?m)^---\\s*$")) {
      Matcher kind = KIND.matcher(document);
      if (kind.find() && RBAC_KINDS.contains(kind.group(1))) {
        out.append("---").append(document.stripTrailing()).append('\n');
      }
    }
    System.out.print(out);
  }
}
