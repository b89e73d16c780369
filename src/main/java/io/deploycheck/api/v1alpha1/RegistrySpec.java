package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** How image-pull diagnoses are confirmed with the registry (ECR). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegistrySpec {
  @JsonPropertyDescription("Ask ECR whether the repository and tag exist to confirm image-pull causes. Default true.")
  @Default("true")
  private Boolean verify;

  @JsonPropertyDescription("AWS region of the registry; by default parsed from the image host"
      + " (<account>.dkr.ecr.<region>.amazonaws.com).")
  @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
  private String region;

  @JsonPropertyDescription("Create a missing ECR repository (scanOnPush, MUTABLE tags) when the operator also allows"
      + " it; the guide's problem 1, method C. Default false.")
  @Default("false")
  private Boolean createMissingRepository;

  public Boolean getVerify() {
    return verify;
  }

  public void setVerify(Boolean verify) {
    this.verify = verify;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Boolean getCreateMissingRepository() {
    return createMissingRepository;
  }

  public void setCreateMissingRepository(Boolean createMissingRepository) {
    this.createMissingRepository = createMissingRepository;
  }
}
