# The CLI installed as README shows (bin/install.sh): `deploycheck` and the kubectl plugin `kubectl-deploycheck`
# run the jar, offline and against this cluster through the kubeconfig kubectl uses; the completion scripts
# picocli generates complete commands and options in bash and zsh.
source "$E2E_DIR/lib/image.sh"  # project_version
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
version=$(project_version)

step "bin/install.sh $prefix"
DEPLOYCHECK_JAR=$JAR "$REPO_DIR/bin/install.sh" "$prefix"
export PATH=$prefix/bin:$PATH
# `command`: lib/scenario.sh has a function of that name (it creates a DeployCheck).
[ "$(command deploycheck --version)" = "deploycheck $version" ] \
  || fail "deploycheck --version: $(command deploycheck --version)"

step "kubectl finds the plugin"
contains "$(kubectl plugin list 2>&1)" "$prefix/bin/kubectl-deploycheck" "kubectl plugin list"
[ "$(kubectl deploycheck --version)" = "deploycheck $version" ] || fail "kubectl deploycheck --version"

step "kubectl deploycheck diagnose examples/dumps/image-not-found.yaml"
set +e
out=$(kubectl deploycheck diagnose "$REPO_DIR/examples/dumps/image-not-found.yaml")
code=$?
set -e
echo "$out"
[ $code -eq 1 ] || fail "exit code $code, expected 1 (Stuck)"
contains "$out" "Reason:   ImageNotFound (ImagePull, guide problem 4)"

step "kubectl deploycheck doctor kubeconfig: the plugin reaches this cluster with kubectl's kubeconfig"
kubectl deploycheck doctor kubeconfig

step "bash completion, as bash-completion loads it for each command name"
for command in deploycheck kubectl-deploycheck; do
  completed=$(bash -c 'source "$1"; COMP_WORDS=("$2" dia); COMP_CWORD=1; COMP_LINE="$2 dia"; COMP_POINT=${#COMP_LINE}
    "$(complete -p "$2" | sed -E "s/.*-F ([^ ]+) .*/\1/")"; echo "${COMPREPLY[*]}"' \
    bash "$prefix/share/bash-completion/completions/$command" "$command" 2>/dev/null)
  [ "$completed" = diagnose ] || fail "bash: '$command dia<TAB>' completed to '$completed'"
done
completed=$(bash -c 'source "$1"; COMP_WORDS=(deploycheck wait --infer); COMP_CWORD=2
  COMP_LINE="deploycheck wait --infer"; COMP_POINT=${#COMP_LINE}; _complete_deploycheck; echo "${COMPREPLY[*]}"' \
  bash "$prefix/share/bash-completion/completions/deploycheck" 2>/dev/null)
[ "$completed" = --inference-service ] || fail "bash: 'deploycheck wait --infer<TAB>' completed to '$completed'"

step "zsh completion (source <(deploycheck completion) in ~/.zshrc)"
command -v zsh >/dev/null || fail "zsh is not installed (.ci/run installs Debian's zsh)"
registered=$(zsh -fc 'autoload -U compinit && compinit -u -d "$1/zcompdump"; source <(deploycheck completion)
  print -r -- "$_comps[deploycheck]"' zsh "$prefix")
[ "$registered" = "_bash_complete -F _complete_deploycheck -o default" ] \
  || fail "zsh registered '$registered' for deploycheck"
commands=$(zsh -fc 'autoload -U compinit && compinit -u -d "$1/zcompdump"; source <(deploycheck completion)
  setopt ksharrays; COMP_WORDS=(deploycheck ""); COMP_CWORD=1; COMP_LINE="deploycheck "; COMP_POINT=12
  _complete_deploycheck 2>/dev/null; print -r -- "${COMPREPLY[*]}"' zsh "$prefix")
[ "$commands" = "operator diagnose doctor wait completion" ] || fail "zsh: 'deploycheck <TAB>' offered '$commands'"

step "the release's CLI bundle (release.yml): installed into a staging folder, packed, unpacked elsewhere"
"$REPO_DIR/bin/install.sh" "$prefix/bundle" >/dev/null
tar -C "$prefix/bundle" -czf "$prefix/deploycheck-$version.tar.gz" .
rm -rf "$prefix/bundle"
mkdir "$prefix/home"
tar -xzf "$prefix/deploycheck-$version.tar.gz" -C "$prefix/home"
[ "$("$prefix/home/bin/kubectl-deploycheck" --version)" = "deploycheck $version" ] \
  || fail "the unpacked bundle's kubectl-deploycheck does not run"
