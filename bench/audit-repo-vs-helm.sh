#!/usr/bin/env bash
# Measures one `katafraktos audit --discover` of a GitOps repository (the 17 corpus charts in dev,
# staging and prod: 51 Argo CD Applications, built once by bench/make-corpus-repo.sh) against
# `helm template` (real helm 3) of the same 51 releases one by one, as a CI job that renders each
# release would: per-round wall times, medians, and the ratio katafraktos/helm. A measurement to
# read, not a test: nothing here asserts a bound.
#
# Usage: bench/audit-repo-vs-helm.sh [ROUNDS]      (default 5; ROUNDS env var works too)
#   KATAFRAKTOS_CORPUS  corpus folder (default: ../shared/corpus next to the repository)
#   KATAFRAKTOS_HELM3   helm 3 binary (default: where scripts/install-test-tools.sh puts it)
#   KATAFRAKTOS_JAR     CLI jar (default: cli/target/katafraktos.jar; build:
#                       mvn -B -q install -DskipTests -Dinvoker.skip)
#   REPO_DIR            build the repository there (must not exist or be empty; kept afterwards)
#                       instead of in a temporary directory that is deleted at the end
#   WARMUP=0            skip the untimed warm-up run of each arm
#   HELM_ONLY=1         measure the helm loop alone
#
# The katafraktos arm is a whole CLI run, JVM start included: discovery, rendering (embedded helm,
# the default renderer), extraction and the offline policy, JSON report to /dev/null (its exit
# code is 1: every corpus image is outside harbor.example.com, which is a finding, not a failure).
# The helm arm renders each release with what its Application declares (release name, namespace,
# values file, kube version; the generator prints them) and extracts nothing.
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
registry=harbor.example.com
mappings=(
  --mapping docker.io=$registry/dockerhub
  --mapping quay.io=$registry/quay
  --mapping registry.k8s.io=$registry/k8s
  --mapping ghcr.io=$registry/ghcr
  --mapping ecr-public.aws.com=$registry/ecr-public
)

[[ -d "$corpus/charts" ]] || { echo "corpus not found at $corpus; set KATAFRAKTOS_CORPUS" >&2; exit 1; }
[[ -x "$helm" ]] || { echo "helm 3 not found at $helm; run scripts/install-test-tools.sh" >&2; exit 1; }

have_jar=true
if [[ "${HELM_ONLY:-0}" == 1 ]]; then
  have_jar=false
elif [[ ! -f "$jar" ]]; then
  have_jar=false
  echo "note: $jar not found (build it with: mvn -B -q install -DskipTests -Dinvoker.skip); measuring the helm loop only" >&2
fi

if [[ -n "${REPO_DIR:-}" ]]; then
  repo="$REPO_DIR"
else
  repo="$(mktemp -d "${TMPDIR:-/tmp}/katafraktos-corpus-repo.XXXXXX")"
  trap 'rm -rf "$repo"' EXIT
fi
# one line per release: name, namespace, chart, values file, kube version, Application
declared="$("$root/bench/make-corpus-repo.sh" "$corpus" "$repo")"
mapfile -t releases <<<"$declared"
((${#releases[@]} > 0)) || { echo "bench/make-corpus-repo.sh declared no release" >&2; exit 1; }
repo="$(cd "$repo" && pwd)"

export KUBECONFIG=/dev/null # client-only rendering; a stray kubeconfig must not matter

# exit code 1 means findings; 2 and 3 (usage error, failure or a release that did not render) fail
run_katafraktos() {
  local code=0
  KATAFRAKTOS_JAR="$jar" "$root/cli/katafraktos" audit --discover "$repo" --offline \
    --registry "$registry" "${mappings[@]}" -o json >/dev/null 2>&1 || code=$?
  if ((code > 1)); then
    echo "katafraktos audit exited $code" >&2
    return 1
  fi
}

run_helm_loop() {
  local line name namespace chart values kube_version app
  for line in "${releases[@]}"; do
    IFS=$'\t' read -r name namespace chart values kube_version app <<<"$line"
    "$helm" template "$name" "$repo/$chart" --namespace "$namespace" -f "$repo/$values" \
      --kube-version "$kube_version" >/dev/null
  done
}

echo "releases: ${#releases[@]} in $repo (from $corpus)"
echo "helm:     $helm ($("$helm" version --template '{{.Version}}'))"
if $have_jar; then
  echo "cli:      $jar ($(java -version 2>&1 | head -n 1))"
fi
echo "cores:    $(nproc)"
echo "rounds:   $rounds"

compare_arms "katafraktos audit failed; run it by hand to see why, rebuild the CLI, or set HELM_ONLY=1"
