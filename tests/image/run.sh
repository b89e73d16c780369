#!/usr/bin/env bash
# The container image built without Docker (docs/container.md), checked without a container runtime:
#   1. image/base.sh twice gives the same base tarball, byte for byte;
#   2. mvn jib:buildTar gives the same image digest again after the jar is rebuilt from clean;
#   3. the image's config: numeric non-root user, entry point, command, working directory, version label;
#   4. its file system, unpacked: the entry point runs as 65532 under chroot with its own /proc and a read-only
#      root (only /tmp writable, as in the chart): --version prints the pom's version, diagnose of a bundled dump
#      exits 1 with ImageNotFound.
# Prints sizes and timings (the figures of docs/container.md). Needs root (chroot, unshare, mount), apt-get, jlink,
# jq. Leaves target/image/base.tar and target/jib-image.tar (deploycheck:VERSION) for e2e/lib/image.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "FAILED: $*" >&2; exit 1; }
mvn_q() { mvn -B -q -ntp -Dstyle.color=never "$@"; }
version=$(python3 -c 'import sys, xml.etree.ElementTree as t
print(t.parse("pom.xml").getroot().findtext("{http://maven.apache.org/POM/4.0.0}version"))')
work=$(mktemp -d)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

echo "--- base image, twice"
image/base.sh "$work/base-again" >/dev/null
t0=$(date +%s%N)
image/base.sh target/image
echo "base built in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
cmp target/image/base.tar "$work/base-again/base.tar" \
  || fail "image/base.sh built two different base tarballs from the same inputs"

echo "--- image (Jib), before and after a clean rebuild of the jar"
mvn_q -Dmaven.test.skip=true package jib:buildTar -Djib.disableUpdateChecks=true
first=$(cat target/jib-image.digest)
rm -rf target/classes target/deploycheck*.jar target/jib-image.*
mvn_q -Dmaven.test.skip=true package jib:buildTar -Djib.disableUpdateChecks=true
second=$(cat target/jib-image.digest)
echo "digest $first, then $second"
[ "$first" = "$second" ] || fail "the same sources gave two image digests"

echo "--- image config"
mkdir "$work/image" "$work/root"
tar -xf target/jib-image.tar -C "$work/image"
config=$work/image/$(jq -r '.[0].Config' "$work/image/manifest.json")
check() {
  local got
  got=$(jq -c "$1" "$config")
  [ "$got" = "$2" ] || fail "image config $1 is $got, expected $2"
}
check '.config.User' '"65532:65532"'
check '.config.Entrypoint' '["java","-XX:MaxRAMPercentage=75","-XX:+ExitOnOutOfMemoryError","-jar","/app/deploycheck.jar"]'
check '.config.Cmd' '["operator"]'
check '.config.WorkingDir' '"/tmp"'
check '.config.Labels["org.opencontainers.image.version"]' "\"$version\""
check '.architecture + "/" + .os' '"amd64/linux"'
compressed=0
for layer in $(jq -r '.[0].Layers[]' "$work/image/manifest.json"); do
  compressed=$((compressed + $(stat -c %s "$work/image/$layer")))
  tar -xzf "$work/image/$layer" -C "$work/root" 2>/dev/null
done
echo "size: $((compressed / 1048576)) MiB compressed ($(jq '.[0].Layers | length' "$work/image/manifest.json") layers)," \
  "$(du -sm "$work/root" | cut -f1) MiB unpacked; JRE $(du -sm "$work/root/opt/java/openjdk" | cut -f1) MiB," \
  "jar $(du -sm "$work/root/app/deploycheck.jar" | cut -f1) MiB"

echo "--- the entry point, as 65532 on a read-only root"
cp examples/dumps/image-not-found.yaml "$work/root/tmp-dump.yaml"
mkdir -p "$work/root/proc"
# in_image ARGS...: the image's entry point with ARGS; the root file system read-only, a tmpfs on /tmp.
in_image() {
  local entrypoint
  mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
  unshare --mount --pid --fork sh -c '
    root=$1; shift
    mount --bind "$root" "$root" && mount -o remount,bind,ro "$root" && mount -t proc proc "$root/proc" &&
      mount -t tmpfs -o size=64m tmpfs "$root/tmp" || exit 125
    chroot=$(command -v chroot)
    exec env -i PATH=/opt/java/openjdk/bin:/usr/bin:/bin "$chroot" --userspec=65532:65532 "$root" "$@"
  ' sh "$work/root" "${entrypoint[@]}" "$@"
}
t0=$(date +%s%N)
printed=$(in_image --version)
echo "--version: $printed, in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
[ "$printed" = "deploycheck $version" ] || fail "--version printed '$printed', expected 'deploycheck $version'"
set +e
diagnosis=$(in_image diagnose /tmp-dump.yaml 2>&1)
code=$?
set -e
[ $code -eq 1 ] || fail "diagnose in the image exited $code, expected 1: $diagnosis"
[[ $diagnosis == *"Reason:   ImageNotFound"* ]] || fail "diagnose in the image printed: $diagnosis"
echo "diagnose in the image: exit 1, ImageNotFound"
echo "image checks passed: deploycheck:$version $first"
