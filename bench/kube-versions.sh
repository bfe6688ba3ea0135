#!/usr/bin/env bash
# Measures what an upgrade check costs: one `katafraktos audit --discover` of the 51-release GitOps
# repository (the 17 corpus charts in dev, staging and prod, built by bench/make-corpus-repo.sh)
# rendered for three Kubernetes versions against the same audit for one. Every release is rendered
# once per version, so the render work is three times as large; each image is still audited once.
# Prints per-round wall times, medians and the ratio three/one. A measurement to read, not a test:
# nothing here asserts a bound.
#
# Usage: bench/kube-versions.sh [ROUNDS]      (default 5; ROUNDS env var works too)
#   KATAFRAKTOS_CORPUS  corpus folder (default: ../shared/corpus next to the repository)
#   KATAFRAKTOS_JAR     CLI jar (default: cli/target/katafraktos.jar; build:
#                       mvn -B -q package -DskipTests -Dinvoker.skip -pl core,cli -am)
#   VERSIONS            the three versions (default "1.30.0 1.31.0 1.32.0": every corpus chart
#                       accepts them); ONE is the version of the one-version arm (default: the first)
#   WARMUP=0            skip the untimed warm-up run of each arm
# Both arms are whole CLI runs, JVM start included, offline (no registry), JSON to /dev/null; they
# alternate which goes first each round.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/arms.sh
source "$root/bench/arms.sh" # time_ms, median
rounds="${1:-${ROUNDS:-5}}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer, got '$rounds'" >&2; exit 2; }
corpus="${KATAFRAKTOS_CORPUS:-$root/../shared/corpus}"
[[ -d "$corpus/charts" ]] || { echo "corpus not found at $corpus; set KATAFRAKTOS_CORPUS" >&2; exit 1; }
corpus="$(cd "$corpus" && pwd)"
jar="${KATAFRAKTOS_JAR:-$root/cli/target/katafraktos.jar}"
[[ -f "$jar" ]] || { echo "$jar not found; build it with: mvn -B -q package -DskipTests -Dinvoker.skip -pl core,cli -am" >&2; exit 1; }
read -r -a versions <<<"${VERSIONS:-1.30.0 1.31.0 1.32.0}"
((${#versions[@]} == 3)) || { echo "VERSIONS must name three versions" >&2; exit 2; }
one="${ONE:-${versions[0]}}"

repo="$(mktemp -d "${TMPDIR:-/tmp}/katafraktos-corpus-repo.XXXXXX")"
trap 'rm -rf "$repo"' EXIT
count="$("$root/bench/make-corpus-repo.sh" "$corpus" "$repo" | wc -l)"
export KUBECONFIG=/dev/null

# exit code 1 means findings; 2 and 3 (usage error, failure, a release that did not render) fail
audit() {
  local code=0 args=() v
  for v in "$@"; do args+=(--kube-version "$v"); done
  KATAFRAKTOS_JAR="$jar" "$root/cli/katafraktos" audit --discover "$repo" --offline \
    --registry harbor.example.com "${args[@]}" -o json >"$repo.out" 2>"$repo.err" || code=$?
  if ((code > 1)); then
    echo "katafraktos audit ($*) exited $code:" >&2
    head -n 5 "$repo.err" >&2
    return 1
  fi
}
run_one() { audit "$one"; }
run_three() { audit "${versions[@]}"; }

echo "releases: $count in $repo (from $corpus)"
echo "versions: one = $one, three = ${versions[*]}"
echo "cli:      $jar ($(java -version 2>&1 | head -n 1))"
echo "cores:    $(nproc)"
echo "rounds:   $rounds"
if [[ "${WARMUP:-1}" != 0 ]]; then
  run_one || exit 1
  run_three || exit 1
  python3 - "$repo.out" <<'PY' || true
import json, sys
report = json.load(open(sys.argv[1]))
renders = sum(1 for _ in report["charts"])
print(f"three-version audit: {report['summary']['images']} distinct images audited once,"
      f" {len(report.get('kubeVersions', []))} releases rendered per version,"
      f" {sum(len(k['differing']) for k in report.get('kubeVersions', []))} images differ")
PY
fi

one_times=() three_times=()
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2 == 1)); then
    one_times+=("$(time_ms run_one)")
    three_times+=("$(time_ms run_three)")
  else
    three_times+=("$(time_ms run_three)")
    one_times+=("$(time_ms run_one)")
  fi
  printf 'round %d: one version %6d ms   three versions %6d ms\n' "$round" "${one_times[-1]}" "${three_times[-1]}"
done
one_median="$(printf '%s\n' "${one_times[@]}" | median)"
three_median="$(printf '%s\n' "${three_times[@]}" | median)"
echo "median one version:    $one_median ms"
echo "median three versions: $three_median ms"
awk -v t="$three_median" -v o="$one_median" 'BEGIN { printf "ratio three/one: %.2f\n", t / o }'
