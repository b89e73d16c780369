# syntax=docker/dockerfile:1
# The operator image for Docker users: docker build -t deploycheck:0.1.0 .   (docs/container.md)
# Without Docker, Jib builds the equivalent image (same user, paths, entry point, command, labels; DockerfileTest).

# Build stage: the same `mvn package` as CI, without the tests (they run in CI, not in the image build).
FROM maven:3.9.12-eclipse-temurin-17-noble AS build
WORKDIR /build
COPY pom.xml ./
COPY src/main ./src/main
# The local Maven repository lives in a BuildKit cache: dependencies download once per builder, not per change.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -Dmaven.test.skip=true package

# Runtime stage: a JRE and the one jar. Nothing runs but java; no shell tools are needed at run time.
FROM eclipse-temurin:17.0.17_10-jre-noble
# The project version of pom.xml (a test keeps them equal).
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="deploycheck" \
      org.opencontainers.image.description="Diagnoses stuck KServe InferenceService rollouts: operator and CLI" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/deploycheck/deploycheck"
COPY --from=build /build/target/deploycheck.jar /app/deploycheck.jar
# The working directory is the one writable path (an emptyDir in the chart), so a JVM crash file has a place to go.
WORKDIR /tmp
# Numeric, so the kubelet can verify runAsNonRoot without an /etc/passwd entry; 65532 is the usual "nonroot" id.
USER 65532:65532
EXPOSE 8080
# Heap from the container's memory limit; an OutOfMemoryError ends the process so Kubernetes restarts it cleanly.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/deploycheck.jar"]
CMD ["operator"]
