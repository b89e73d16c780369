package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EksClusterTest {

  @Test
  void awsEksGetTokenArgumentsNameClusterAndRegion() {
    assertThat(eks(Kubeconfigs.awsEks("https://127.0.0.1:6443")))
        .isEqualTo(new EksCluster("mlops-training-cluster", "ap-northeast-2"));
  }

  @Test
  void iamAuthenticatorNamesTheClusterWithDashI() {
    assertThat(eks(Kubeconfigs.iamAuthenticator("https://127.0.0.1:6443")).name())
        .isEqualTo("mlops-training-cluster");
  }

  @Test
  void endpointHostGivesTheRegion() {
    EksCluster eks = eks(Kubeconfigs.token("https://0123456789ABCDEF0123456789ABCDEF.gr7.ap-northeast-2.eks.amazonaws.com"));

    assertThat(eks).isEqualTo(new EksCluster(null, "ap-northeast-2"));
  }

  @Test
  void clusterArnAsEntryNameGivesBoth() {
    String text = Kubeconfigs.token("https://127.0.0.1:6443").replace("name: test\n  cluster:",
        "name: arn:aws:eks:us-west-2:123456789012:cluster/prod\n  cluster:").replace("cluster: test\n",
        "cluster: arn:aws:eks:us-west-2:123456789012:cluster/prod\n");

    assertThat(eks(text)).isEqualTo(new EksCluster("prod", "us-west-2"));
  }

  @Test
  void anythingElseLeavesThemUnknown() {
    assertThat(eks(Kubeconfigs.token("https://127.0.0.1:6443"))).isEqualTo(new EksCluster(null, null));
  }

  private static EksCluster eks(String kubeconfig) {
    return EksCluster.of(Kubeconfig.parse("the kubeconfig", kubeconfig, Path.of("/"), new Secrets()).current());
  }
}
