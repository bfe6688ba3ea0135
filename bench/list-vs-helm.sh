#!/usr/bin/env bash
# Measures `katafraktos list` over the 17 corpus charts against a shell loop of
# `helm template` (real helm 3) over the same charts: per-round wall times, medians, and the
# ratio katafraktos/helm. A measurement to read, not a test: nothing here asserts a bound.
#
# Usage: bench/list-vs-helm.sh [ROUNDS]      (default 5; ROUNDS env var works too)
#   KATAFRAKTOS_CORPUS  corpus folder (default: ../shared/corpus next to the repository)
#   KATAFRAKTOS_HELM3   helm 3 binary (default: where scripts/install-test-tools.sh puts it)
#   KATAFRAKTOS_JAR     CLI jar (default: cli/target/katafraktos.jar; build: mvn -B -q package -DskipTests)
#   WARMUP=0            skip the untimed warm-up run of each arm
#   HELM_ONLY=1         measure the helm loop alone
#   JAVA_JAR=1          run `java -jar` with the JVM's defaults instead of the cli/katafraktos launcher
#
# Both arms pass --kube-version 1.30.0 for every chart: victoria-metrics-k8s-stack needs it for
# stable output (see the corpus README) and the CLI takes one --kube-version for all charts.
# The arms alternate which goes first each round, so neither always runs on a warmer cache.
# Without the jar only the helm loop is measured.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/arms.sh
source "$root/bench/arms.sh"
rounds="${1:-${ROUNDS:-5}}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer, got '$rounds'" >&2; exit 2; }
corpus="${KATAFRAKTOS_CORPUS:-$root/../shared/corpus}"
[[ ! -d "$corpus" ]] || corpus="$(cd "$corpus" && pwd)"
helm="${KATAFRAKTOS_HELM3:-${KATAFRAKTOS_TOOLS:-$HOME/.cache/katafraktos/tools}/helm3/helm}"
jar="${KATAFRAKTOS_JAR:-$root/cli/target/katafraktos.jar}"
kube_version=1.30.0

[[ -d "$corpus/charts" ]] || { echo "corpus not found at $corpus; set KATAFRAKTOS_CORPUS" >&2; exit 1; }
[[ -x "$helm" ]] || { echo "helm 3 not found at $helm; run scripts/install-test-tools.sh" >&2; exit 1; }
mapfile -t charts < <(find "$corpus/charts" -mindepth 1 -maxdepth 1 -type d | sort)
((${#charts[@]} > 0)) || { echo "no charts in $corpus/charts" >&2; exit 1; }

have_jar=true
if [[ "${HELM_ONLY:-0}" == 1 ]]; then
  have_jar=false
elif [[ ! -f "$jar" ]]; then
  have_jar=false
  echo "note: $jar not found (build it with: mvn -B -q package -DskipTests); measuring the helm loop only" >&2
fi

export KUBECONFIG=/dev/null # client-only rendering; a stray kubeconfig must not matter

# the launcher, as a user runs it (it adds the JVM options meant for a short run); JAVA_JAR=1
# runs plain `java -jar` instead, to see what those options are worth
run_katafraktos() {
  if [[ "${JAVA_JAR:-0}" == 1 ]]; then
    java -jar "$jar" list "${charts[@]}" --release rel --namespace ns \
      --kube-version "$kube_version" --output json >/dev/null
  else
    KATAFRAKTOS_JAR="$jar" "$root/cli/katafraktos" list "${charts[@]}" --release rel --namespace ns \
      --kube-version "$kube_version" --output json >/dev/null
  fi
}

run_helm_loop() {
  local chart
  for chart in "${charts[@]}"; do
    "$helm" template rel "$chart" --namespace ns --kube-version "$kube_version" >/dev/null
  done
}

echo "charts: ${#charts[@]} from $corpus"
echo "helm:   $helm ($("$helm" version --template '{{.Version}}'))"
if $have_jar; then
  echo "cli:    $jar ($(java -version 2>&1 | head -n 1))"
fi
echo "rounds: $rounds"

compare_arms "katafraktos list failed (see above); rebuild the CLI, or set HELM_ONLY=1"
