# The operator's container image for the in-cluster scenarios, built without Docker exactly as README's "Build the
# image yourself" shows: image/base.sh (Debian packages and a jlink-ed JRE), Jib to a tarball, crane push.
# Sourced by scenarios (after lib/env.sh and lib/operator.sh).
BASE_TAR=$REPO_DIR/target/image/base.tar
IMAGE_TAR=$REPO_DIR/target/jib-image.tar

# project_version: the version in pom.xml, which the image's tag and the chart's appVersion carry.
project_version() {
  python3 -c 'import sys, xml.etree.ElementTree as t
print(t.parse(sys.argv[1]).getroot().findtext("{http://maven.apache.org/POM/4.0.0}version"))' "$REPO_DIR/pom.xml"
}

# image_build: builds what is missing or older than its inputs (image/base.sh fetches Debian packages: run.sh calls
# this before entering the cluster's network namespace, which has no route out).
image_build() {
  if [ ! -f "$BASE_TAR" ] || [ "$REPO_DIR/image/base.sh" -nt "$BASE_TAR" ]; then
    (cd "$REPO_DIR" && image/base.sh)
  fi
  if [ ! -f "$IMAGE_TAR" ] || [ -n "$(find "$JAR" "$BASE_TAR" "$REPO_DIR/pom.xml" -newer "$IMAGE_TAR" -print -quit)" ]
  then
    maven -Dmaven.test.skip=true package jib:buildTar -Djib.disableUpdateChecks=true
  fi
  # Jib builds an image without the jar, silently, when its extra directory holds no deploycheck.jar.
  local top files
  top=$(tar -xOf "$IMAGE_TAR" manifest.json | jq -r '.[0].Layers[-1]')
  files=$(tar -xOf "$IMAGE_TAR" "$top" | tar -tz 2>/dev/null)
  grep -qx 'app/deploycheck.jar' <<<"$files" \
    || { echo "$IMAGE_TAR has no app/deploycheck.jar in its top layer" >&2; return 1; }
}

# image_push REPOSITORY: image_build, then pushes REPOSITORY:<version>.
image_push() {
  local repository=$1
  image_build || return 1
  # crane speaks plain HTTP to a registry on 127.0.0.1, as the e2e registries are.
  (cd "$REPO_DIR" && "$BIN/crane" push target/jib-image.tar "$repository:$(project_version)")
}
