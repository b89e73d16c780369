package io.deploycheck.cli.doctor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Crafted kubeconfigs in the shapes real tools write them, pointing at a test server. */
final class Kubeconfigs {
  /** A bearer token as a kubeconfig holds it; the tests assert it is never printed. */
  static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3QifQ.c2VjcmV0LXRlc3QtdG9rZW4.c2lnbmF0dXJl";
  /** What the fake {@code aws eks get-token} returns; never printed either. */
  static final String EKS_TOKEN = "k8s-aws-v1.aHR0cHM6Ly9zdHMuYXAtbm9ydGhlYXN0LTIuYW1hem9uYXdzLmNvbS8_QWN0aW9uPUdldENhbGxlcklkZW50aXR5";
  static final String CLUSTER_ARN = "arn:aws:eks:ap-northeast-2:123456789012:cluster/mlops-training-cluster";

  private Kubeconfigs() {}

  /** A static token user, as kubeadm, kind or a service-account kubeconfig has. */
  static String token(String server) {
    return config(server, "", "    token: " + TOKEN + "\n");
  }

  /**
   * The user entry {@code aws eks update-kubeconfig} writes (cluster ARN as names, {@code aws --region R eks get-token
   * --cluster-name C}), see get_user_entry in
   * https://github.com/aws/aws-cli/blob/develop/awscli/customizations/eks/update_kubeconfig.py
   */
  static String awsEks(String server) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            server: %1$s
          name: %2$s
        contexts:
        - context:
            cluster: %2$s
            user: %2$s
          name: %2$s
        current-context: %2$s
        preferences: {}
        users:
        - name: %2$s
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              args:
              - --region
              - ap-northeast-2
              - eks
              - get-token
              - --cluster-name
              - mlops-training-cluster
              - --output
              - json
              command: aws
        """.formatted(server, CLUSTER_ARN);
  }

  /** The older EKS user entry that runs aws-iam-authenticator (the guide's problem 5). */
  static String iamAuthenticator(String server) {
    return config(server, "", """
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: aws-iam-authenticator
              args: ["token", "-i", "mlops-training-cluster"]
        """);
  }

  /** A client-certificate user with the test CA, as kubeadm and kind write them. */
  static String clientCertificate(String server) {
    return config(server, "    certificate-authority-data: " + TestTls.base64("ca.crt") + "\n",
        "    client-certificate-data: " + TestTls.base64("client.crt") + "\n"
            + "    client-key-data: " + TestTls.base64("client.key") + "\n");
  }

  static String config(String server, String clusterExtra, String user) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: " + server + "\n"
        + clusterExtra
        + "contexts:\n- name: test\n  context:\n    cluster: test\n    user: ci\ncurrent-context: test\n"
        + "users:\n- name: ci\n  user:\n" + user;
  }

  static String base64(String kubeconfig) {
    return Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8));
  }

  /** What {@code base64} prints without {@code -w 0}: lines of 76 characters. */
  static String wrapped(String kubeconfig) {
    return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.UTF_8))
        .encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)) + "\n";
  }
}
