#!/usr/bin/env bash
# Installs deploycheck for the current user (or into PREFIX):
#   bin/install.sh [PREFIX]          default PREFIX: ~/.local
# PREFIX/bin/deploycheck             the command (bin/deploycheck, a launcher for the jar)
# PREFIX/bin/kubectl-deploycheck     the same command as a kubectl plugin: kubectl deploycheck diagnose ...
# PREFIX/lib/deploycheck/deploycheck.jar
# PREFIX/share/bash-completion/completions/{deploycheck,kubectl-deploycheck}   bash completion (picocli), loaded
#                                    by bash-completion; zsh: `source <(deploycheck completion)` in ~/.zshrc
# The jar is target/deploycheck.jar (mvn -B verify, or mvn -B package -DskipTests), or DEPLOYCHECK_JAR=path, e.g.
# the deploycheck.jar of a release. Needs Java 17 or newer on PATH (or JAVA_HOME) to run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:-$HOME/.local}
jar=${DEPLOYCHECK_JAR:-$here/../target/deploycheck.jar}
if [ ! -f "$jar" ]; then
  echo "install.sh: $jar not found: build it with mvn -B package -DskipTests, or set DEPLOYCHECK_JAR" >&2
  exit 2
fi

install -d "$prefix/bin" "$prefix/lib/deploycheck" "$prefix/share/bash-completion/completions"
install -m 0644 "$jar" "$prefix/lib/deploycheck/deploycheck.jar"
install -m 0755 "$here/deploycheck" "$prefix/bin/deploycheck"
ln -sf deploycheck "$prefix/bin/kubectl-deploycheck"

completion=$("$prefix/bin/deploycheck" completion)
printf '%s\n' "$completion" > "$prefix/share/bash-completion/completions/deploycheck"
# bash-completion loads completions by command name; the plugin's name gets the same function.
printf '%s\ncomplete -F _complete_deploycheck -o default kubectl-deploycheck\n' "$completion" \
  > "$prefix/share/bash-completion/completions/kubectl-deploycheck"

echo "installed $("$prefix/bin/deploycheck" --version) into $prefix"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH, e.g. in ~/.bashrc or ~/.zshrc: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
