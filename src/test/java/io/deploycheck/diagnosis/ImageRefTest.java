package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      // image, registry, repository, tag, digest, account, region
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1,"
          + "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com,ml-model-california-housing,3f9c2e1,-,123456789012,"
          + "ap-northeast-2",
      "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/model:v1,123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn,"
          + "team/model,v1,-,123456789012,cn-north-1",
      "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/model:v1,123456789012.dkr.ecr-fips.us-east-1.amazonaws.com,"
          + "model,v1,-,123456789012,us-east-1",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com:443/model:v2,123456789012.dkr.ecr.eu-west-1.amazonaws.com:443,"
          + "model,v2,-,123456789012,eu-west-1",
      "python:3.9-slim,docker.io,library/python,3.9-slim,-,-,-",
      "kserve/sklearnserver,docker.io,kserve/sklearnserver,-,-,-,-",
      "localhost:5000/model:dev,localhost:5000,model,dev,-,-,-",
      "ghcr.io/org/model@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,ghcr.io,org/model,-,"
          + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,-,-"})
  void parsesReferences(String image, String registry, String repository, String tag, String digest, String account,
      String region) {
    ImageRef ref = ImageRef.parse(image);
    assertThat(ref).isNotNull();
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isEqualTo(digest);
    assertThat(ref.ecrAccount()).isEqualTo(account);
    assertThat(ref.ecrRegion()).isEqualTo(region);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/model:v1", "Model:v1",
      "model:", "model:${{ github.sha }}", " model:v1", "model@sha256:short"})
  void rejectsInvalidReferences(String image) {
    assertThat(ImageRef.parse(image)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"python:3.9,docker.io/library/python:3.9,true", "python,python:latest,true",
      "python:3.9,python:3.10,false"})
  void comparesCanonicalForms(String a, String b, boolean same) {
    assertThat(ImageRef.sameImage(a, b)).isEqualTo(same);
  }
}
