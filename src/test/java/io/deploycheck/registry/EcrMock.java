package io.deploycheck.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A local endpoint speaking Amazon ECR's JSON 1.1 protocol, reached through the SDK's endpoint override: requests are
 * POSTs to / whose {@code X-Amz-Target} is {@code AmazonEC2ContainerRegistry_V20150921.<Operation>} and whose body
 * is the operation's JSON input; errors are HTTP 400 with a {@code {"__type": ..., "message": ...}} body.
 *
 * <p>Protocol and shapes: https://github.com/boto/botocore/blob/develop/botocore/data/ecr/2015-09-21/service-2.json
 * ("protocol":"json", "jsonVersion":"1.1", "targetPrefix":"AmazonEC2ContainerRegistry_V20150921"; the
 * DescribeImages, DescribeRepositories and CreateRepository inputs, outputs and error shapes), and the error body
 * parsing of https://github.com/boto/botocore/blob/develop/botocore/parsers.py (BaseJSONParser reads "__type").
 * Response bodies follow real ones: DescribeImages' imageDetails with epoch-second imagePushedAt as logged in
 * https://github.com/hashicorp/terraform-provider-aws/issues/35268, CreateRepository's repository as printed in
 * https://github.com/aws/aws-cli/issues/2675, DescribeRepositories' as in the AWS CLI example at
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/example_ecr_DescribeRepositories_section.html.
 */
public final class EcrMock implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final String JSON_1_1 = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** SigV4 names the signing region in the credential scope: Credential=AKID/20261127/ap-northeast-2/ecr/aws4_request. */
  private static final Pattern SCOPE_REGION = Pattern.compile("Credential=[^/]+/[0-9]{8}/([a-z0-9-]+)/ecr/");

  /** One request as ECR saw it. */
  public record Call(String operation, String region, JsonNode body) {}

  public record Image(String digest, List<String> tags, Instant pushedAt) {}

  private final MockWebServer server = new MockWebServer();
  private final Map<String, List<Image>> repositories = new ConcurrentHashMap<>();
  private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch hold = new CountDownLatch(0);

  public EcrMock() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://" + server.getHostName() + ":" + server.getPort());
  }

  /** Clients for this endpoint, with fake static credentials (AWS's documented example key pair). */
  public EcrClientFactory clients() {
    return new EcrClientFactory(builder -> builder.endpointOverride(endpoint()).credentialsProvider(
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))));
  }

  public EcrMock repository(String name, Image... images) {
    repositories.put(name, new CopyOnWriteArrayList<>(List.of(images)));
    return this;
  }

  /** The next request for {@code operation} gets this error instead of its answer. */
  public EcrMock failNext(String operation, String type, String message) {
    scripted.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(error(type, message));
    return this;
  }

  /** Requests wait for {@link #release()} before they are answered. */
  public void holdAnswers() {
    hold = new CountDownLatch(1);
  }

  public void release() {
    hold.countDown();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).toList();
  }

  @Override
  public void close() {
    release();
    server.shutdown();
  }

  private MockResponse answer(RecordedRequest request) {
    String target = String.valueOf(request.getHeader("X-Amz-Target"));
    String operation = target.substring(target.indexOf('.') + 1);
    Matcher scope = SCOPE_REGION.matcher(String.valueOf(request.getHeader("Authorization")));
    JsonNode body = read(request.getUtf8Body());
    calls.add(new Call(operation, scope.find() ? scope.group(1) : null, body));
    try {
      hold.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Deque<MockResponse> queued = scripted.get(operation);
    MockResponse next = queued == null ? null : queued.poll();
    if (next != null) {
      return next;
    }
    return switch (operation) {
      case "DescribeImages" -> describeImages(body);
      case "DescribeRepositories" -> describeRepositories(body);
      case "CreateRepository" -> createRepository(body);
      default -> new MockResponse().setResponseCode(500);
    };
  }

  private MockResponse describeImages(JsonNode body) {
    String name = body.path("repositoryName").asText();
    List<Image> images = repositories.get(name);
    if (images == null) {
      return repositoryNotFound(name);
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode details = out.putArray("imageDetails");
    if (body.has("imageIds")) {
      for (JsonNode id : body.path("imageIds")) {
        String tag = id.path("imageTag").asText(null);
        String digest = id.path("imageDigest").asText(null);
        Optional<Image> found = images.stream()
            .filter(i -> digest != null ? i.digest().equals(digest) : i.tags().contains(tag)).findFirst();
        if (found.isEmpty()) {
          // Real message: https://github.com/hashicorp/terraform-provider-aws/issues/35268
          // "The image with imageId {imageDigest:'null', imageTag:'latest'} does not exist within the repository
          // with name 'main' in the registry with id '058043570872'"
          return error("ImageNotFoundException", "The image with imageId {imageDigest:'" + digest + "', imageTag:'"
              + tag + "'} does not exist within the repository with name '" + name + "' in the registry with id '"
              + ACCOUNT + "'");
        }
        details.add(detail(name, found.get()));
      }
      return ok(out);
    }
    List<Image> tagged = images.stream().filter(i -> !i.tags().isEmpty()).toList();
    return page(out, details, tagged, body, image -> detail(name, image));
  }

  private MockResponse describeRepositories(JsonNode body) {
    List<String> names = new ArrayList<>(repositories.keySet());
    names.sort(Comparator.naturalOrder());
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("repositories");
    if (body.has("repositoryNames")) {
      for (JsonNode name : body.path("repositoryNames")) {
        if (!repositories.containsKey(name.asText())) {
          return repositoryNotFound(name.asText());
        }
        list.add(repository(name.asText()));
      }
      return ok(out);
    }
    return page(out, list, names, body, this::repository);
  }

  private MockResponse createRepository(JsonNode body) {
    String name = body.path("repositoryName").asText();
    if (repositories.putIfAbsent(name, new CopyOnWriteArrayList<>()) != null) {
      // Real message: https://github.com/metaps/genova/issues/164
      // "The repository with name '***' already exists in the registry with id '***'"
      return error("RepositoryAlreadyExistsException",
          "The repository with name '" + name + "' already exists in the registry with id '" + ACCOUNT + "'");
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("repository", repository(name));
    return ok(out);
  }

  /** One page of {@code items}: maxResults long, continued by a nextToken holding the next index. */
  private <T> MockResponse page(ObjectNode out, ArrayNode list, List<T> items, JsonNode body,
      java.util.function.Function<T, JsonNode> render) {
    int from = body.has("nextToken") ? Integer.parseInt(body.path("nextToken").asText()) : 0;
    int size = body.path("maxResults").asInt(100);
    int to = Math.min(items.size(), from + size);
    items.subList(from, to).forEach(item -> list.add(render.apply(item)));
    if (to < items.size()) {
      out.put("nextToken", Integer.toString(to));
    }
    return ok(out);
  }

  private ObjectNode detail(String repository, Image image) {
    ObjectNode detail = JSON.createObjectNode()
        .put("registryId", ACCOUNT)
        .put("repositoryName", repository)
        .put("imageDigest", image.digest())
        .put("imageSizeInBytes", 187_446_190L)
        .put("imagePushedAt", image.pushedAt().getEpochSecond())
        .put("imageManifestMediaType", "application/vnd.docker.distribution.manifest.v2+json")
        .put("artifactMediaType", "application/vnd.docker.container.image.v1+json");
    ArrayNode tags = detail.putArray("imageTags");
    image.tags().forEach(tags::add);
    return detail;
  }

  private ObjectNode repository(String name) {
    ObjectNode repository = JSON.createObjectNode()
        .put("repositoryArn", "arn:aws:ecr:ap-northeast-2:" + ACCOUNT + ":repository/" + name)
        .put("registryId", ACCOUNT)
        .put("repositoryName", name)
        .put("repositoryUri", ACCOUNT + ".dkr.ecr.ap-northeast-2.amazonaws.com/" + name)
        .put("createdAt", 1_764_230_400.0)
        .put("imageTagMutability", "MUTABLE");
    repository.putObject("imageScanningConfiguration").put("scanOnPush", true);
    return repository;
  }

  private static MockResponse repositoryNotFound(String name) {
    // Real message: https://github.com/aws-actions/amazon-ecr-login/issues/166 and
    // https://github.com/actions/starter-workflows/issues/2647 ("The repository with name 'service-t' does not exist
    // in the registry with id '***'"); the same text as the API's, see
    // https://github.com/getmoto/moto/blob/master/moto/ecr/exceptions.py (RepositoryNotFoundException)
    return error("RepositoryNotFoundException",
        "The repository with name '" + name + "' does not exist in the registry with id '" + ACCOUNT + "'");
  }

  static MockResponse error(String type, String message) {
    ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
    return new MockResponse().setResponseCode(400).setHeader("Content-Type", JSON_1_1).setBody(body.toString());
  }

  private static MockResponse ok(JsonNode body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", JSON_1_1).setBody(body.toString());
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
