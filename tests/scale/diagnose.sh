#!/bin/sh
# Offline diagnosis at scale (docs/performance.md): builds dumps of N pods from the dumps our e2e captured on real
# components (src/test/java/io/deploycheck/bench/DumpGenerator.java: 10 pods per InferenceService, each pod with its
# own Events and names) and runs `bin/deploycheck diagnose` on each with a 1 GiB heap under /usr/bin/time -v.
# Prints one row per run: pods, format, dump size, wall and CPU seconds, peak RSS, exit code (1 is a Stuck
# diagnosis, as expected; 2 or more is a failure, and the script then exits 1). After a YAML run, the time the YAML
# library takes to read the dump's tokens alone (bench/YamlTokens): the floor of any YAML run.
#
#   tests/scale/diagnose.sh                     # N = 1000 10000 50000, YAML and JSON
#   tests/scale/diagnose.sh 1000 10000          # other sizes
#   FORMATS=json HEAP=512m tests/scale/diagnose.sh 50000
#
# The dumps go to target/scale/ (OUT=...) and are deleted after each run unless KEEP=1. DEPLOYCHECK_JAR and
# TEST_CLASSES name another build than target/ (e.g. a copy, while mvn rebuilds target/).
set -eu
cd "$(dirname "$0")/../.."
out=${OUT:-target/scale}
jar=${DEPLOYCHECK_JAR:-target/deploycheck.jar}
classes=${TEST_CLASSES:-target/test-classes}
heap=${HEAP:-1g}
formats=${FORMATS:-yaml json}
[ $# -gt 0 ] || set -- 1000 10000 50000
if [ ! -f "$jar" ] || [ ! -f "$classes/io/deploycheck/bench/DumpGenerator.class" ]; then
  mvn -B -q -o package -DskipTests
fi
mkdir -p "$out"
failed=0
printf '%-7s %-5s %10s %9s %9s %10s %5s\n' pods fmt dump_MiB wall_s cpu_s rss_MiB exit
for n in "$@"; do
  for fmt in $formats; do
    dump=$out/dump-$n.$fmt
    java -cp "$classes:$jar" io.deploycheck.bench.DumpGenerator "$n" "$fmt" "$dump" \
      2>/dev/null
    rc=0
    DEPLOYCHECK_JAR=$jar DEPLOYCHECK_JAVA_OPTS="-Xmx$heap" /usr/bin/time -v -o "$out/time-$n-$fmt.txt" \
      bin/deploycheck diagnose "$dump" -o json >"$out/diagnose-$n-$fmt.json" 2>"$out/stderr-$n-$fmt.txt" || rc=$?
    awk -v n="$n" -v fmt="$fmt" -v rc="$rc" -v size="$(wc -c <"$dump")" '
      /Elapsed \(wall clock\)/ { k = split($NF, t, ":"); wall = (k == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]) }
      /User time/ { cpu += $NF } /System time/ { cpu += $NF }
      /Maximum resident set size/ { rss = $NF / 1024 }
      END { printf "%-7s %-5s %10.0f %9.1f %9.1f %10.0f %5s\n", n, fmt, size / 1048576, wall, cpu, rss, rc }
    ' "$out/time-$n-$fmt.txt"
    [ "$rc" -le 1 ] || { failed=1; head -c 1000 "$out/stderr-$n-$fmt.txt" >&2; }
    # The YAML library's own floor on this dump: its tokens alone (no tree, objects or diagnosis).
    [ "$fmt" != yaml ] || echo "        yaml tokens only: $(java -cp "$classes:$jar" io.deploycheck.bench.YamlTokens "$dump")"
    [ "${KEEP:-0}" = 1 ] || rm -f "$dump"
  done
done
exit "$failed"
