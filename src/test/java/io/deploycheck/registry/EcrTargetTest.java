package io.deploycheck.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How image references become ECR API coordinates; everything that is not a private ECR image is left alone. */
class EcrTargetTest {
  private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "{0} (region override {1})")
  @CsvSource(nullValues = "-", value = {
      // image, region override, account, region, repository, tag, digest
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1,-,"
          + "123456789012,ap-northeast-2,ml-model-california-housing,3f9c2e1,-",
      // no tag: runtimes pull latest
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing,-,"
          + "123456789012,ap-northeast-2,ml-model-california-housing,latest,-",
      // a digest is what gets pulled, a tag beside it is ignored
      "123456789012.dkr.ecr.us-west-2.amazonaws.com/model@" + DIGEST + ",-,123456789012,us-west-2,model,-," + DIGEST,
      "123456789012.dkr.ecr.us-west-2.amazonaws.com/model:v1@" + DIGEST + ",-,123456789012,us-west-2,model,-,"
          + DIGEST,
      // nested repository paths are one repository name in ECR
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team-a/serving/model:v2,-,123456789012,eu-west-1,"
          + "team-a/serving/model,v2,-",
      // an explicit HTTPS port is still ECR; a port is never taken for a tag
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com:443/model:v2,-,123456789012,eu-west-1,model,v2,-",
      "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/model:v1,-,123456789012,cn-north-1,model,v1,-",
      "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/model:v1,-,123456789012,us-gov-west-1,model,v1,-",
      "123456789012.dkr-ecr.us-east-1.on.aws/model:v1,-,123456789012,us-east-1,model,v1,-",
      // spec.registry.region wins over the host's region; a blank one does not
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/model:v1,us-east-1,123456789012,us-east-1,model,v1,-",
      "'123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/model:v1',' ',123456789012,ap-northeast-2,model,v1,-"})
  void parsesEcrImages(String image, String regionOverride, String account, String region, String repository,
      String tag, String digest) {
    EcrTarget target = EcrTarget.of(image, regionOverride);
    assertThat(target).isNotNull();
    assertThat(target.account()).isEqualTo(account);
    assertThat(target.region()).isEqualTo(region);
    assertThat(target.repository()).isEqualTo(repository);
    assertThat(target.tag()).isEqualTo(tag);
    assertThat(target.digest()).isEqualTo(digest);
    assertThat(tag != null ? target.imageId().imageTag() : target.imageId().imageDigest())
        .isEqualTo(tag != null ? tag : digest);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "python:3.9-slim",
      "docker.io/kserve/sklearnserver:v0.14.0",
      "ghcr.io/org/model@" + DIGEST,
      "localhost:5000/model:dev",
      "registry.example.com:5000/team/model:v1",
      "public.ecr.aws/nginx/nginx:1.27",                                  // ECR Public is another API
      "123456789012.dkr.ecr.ap-northeast-2.example.com/model:v1",         // looks like ECR, is not
      "12345678901.dkr.ecr.ap-northeast-2.amazonaws.com/model:v1",        // 11-digit account
      "https://123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/model:v1", // not a reference at all
      ""})
  void leavesEverythingElseAlone(String image) {
    assertThat(EcrTarget.of(image, "us-east-1")).isNull();
  }
}
