#!/usr/bin/env bash
# Builds the operator image's base without Docker and without pulling any image: a docker-save tarball
# (target/image/base.tar) that Jib uses as `from.image` (tar://...), made of
#   - the C and C++ runtime and zlib from Debian's packages (apt-get download + dpkg-deb -x), and
#   - a Java 17 runtime jlink-ed from this machine's JDK with only the modules the jar needs,
# in one layer whose bytes depend only on those inputs (sorted entries, fixed times and owners), so building it
# twice gives the same digest. docs/container.md describes the result.
#
# Usage: image/base.sh [OUTPUT_DIR]      (default: target/image; needs apt-get, dpkg-deb, jlink, GNU tar, jq)
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(realpath -m "${1:-target/image}")
work="$out/base-work"
rm -rf "$work"
mkdir -p "$work/debs" "$work/root"
root="$work/root"

# What the JVM's native libraries link against (ldd of libjvm.so, bin/java and libzip.so).
packages=(libc6 libgcc-s1 libstdc++6 zlib1g)
# jdeps --multi-release 17 --print-module-deps --ignore-missing-deps target/deploycheck.jar, plus jdk.crypto.ec:
# a security provider (no class refers to it) that TLS needs for ECDHE and EC certificates.
modules=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.rmi,java.scripting
modules+=,java.security.jgss,java.sql,jdk.httpserver,jdk.management,jdk.net,jdk.unsupported,jdk.crypto.ec

(cd "$work/debs" && apt-get download "${packages[@]}" >/dev/null 2>&1) || {
  echo "image/base.sh: apt-get download ${packages[*]} failed (run apt-get update first?)" >&2
  exit 1
}
mkdir -p "$root/var/lib/dpkg/status.d"
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$root"
  # The record image scanners (Trivy, Grype) read in distroless-style images to know the packages and versions.
  dpkg-deb -f "$deb" > "$root/var/lib/dpkg/status.d/$(dpkg-deb -f "$deb" Package)"
done
# Documentation except the licenses, and iconv's converters (the JVM has its own charsets): not needed at run time.
find "$root/usr/share/doc" -type f ! -name copyright -delete
rm -rf "$root/usr/share/man" "$root/usr/share/lintian" "$root/usr/share/info" "$root/usr/lib/x86_64-linux-gnu/gconv"
find "$root/usr/share" -type d -empty -delete

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
mkdir -p "$root/opt/java"
jlink --module-path "$java_home/jmods" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$root/opt/java/openjdk"
# Debian's JDK links its CA store to /etc/ssl/certs/java/cacerts; take the file itself (ECR lookups use TLS).
cp --remove-destination "$(readlink -f "$java_home/lib/security/cacerts")" "$root/opt/java/openjdk/lib/security/cacerts"

# A user for the numeric id the image runs as (65532, "nonroot" as in distroless), and a world-writable /tmp.
mkdir -p "$root/etc" "$root/tmp" "$root/app"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"
chmod 1777 "$root/tmp"

# One reproducible layer: sorted names, one fixed time, numeric root ownership, no atime/ctime PAX records.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$root" -cf "$work/layer.tar" .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
versions=$(for deb in "$work"/debs/*.deb; do dpkg-deb --show --showformat='${Package}=${Version}\n' "$deb"; done \
  | paste -sd, -)
java_version=$("$root/opt/java/openjdk/bin/java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.runtime.version = //p')

jq -n --arg diff "$diff_id" --arg versions "$versions" --arg java "$java_version" '{
  architecture: "amd64", os: "linux", created: "1970-01-01T00:00:00Z",
  config: {
    Env: ["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "JAVA_HOME=/opt/java/openjdk"],
    User: "65532:65532", WorkingDir: "/tmp",
    Labels: {"io.deploycheck.base.packages": $versions, "io.deploycheck.base.java": $java}
  },
  rootfs: {type: "layers", diff_ids: [$diff]},
  history: [{created: "1970-01-01T00:00:00Z", created_by: "image/base.sh (Debian packages and a jlink-ed JRE)"}]
}' > "$work/config.json"
jq -n '[{Config: "config.json", RepoTags: ["deploycheck-base:local"], Layers: ["layer.tar"]}]' \
  > "$work/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$work" -cf "$out/base.tar" manifest.json config.json layer.tar
rm -rf "$work"
echo "$out/base.tar: $(du -m "$out/base.tar" | cut -f1) MiB, java $java_version, $versions"
echo "config sha256:$(tar -xOf "$out/base.tar" config.json | sha256sum | cut -d' ' -f1)"
