#!/usr/bin/env bash
# The cost of `katafraktos rewrite`: how many renders it takes per chart (the baseline, the marked
# renders of the provenance trace, the verification and, for charts with random content, a second
# unchanged render), over every chart of the shared corpus and the project's own corpus, and the
# wall time of the whole rewrite loop against a `helm template` loop over the same charts, as a
# ratio measured in this run. A measurement to read, not a test: RewriteCorpusIT holds the bound
# on renders (average at most 4).
#
# Usage: bench/rewrite-renders.sh
#   KATAFRAKTOS_CORPUS  shared corpus (default: ../shared/corpus next to the repository)
#   KATAFRAKTOS_HELM3   helm 3 binary (default: where scripts/install-test-tools.sh puts it)
#   KATAFRAKTOS_JAR     CLI jar (default: cli/target/katafraktos.jar; build: mvn -B -q package -DskipTests)
# Each chart is rewritten with --dry-run from an empty values file (plus the chart's own values
# file where its expected file names one), every registry its images use mapped to a Harbor
# project; nothing is written.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${KATAFRAKTOS_CORPUS:-$root/../shared/corpus}"
helm="${KATAFRAKTOS_HELM3:-${KATAFRAKTOS_TOOLS:-$HOME/.cache/katafraktos/tools}/helm3/helm}"
jar="${KATAFRAKTOS_JAR:-$root/cli/target/katafraktos.jar}"
[[ -f "$jar" ]] || { echo "$jar not found; build it with: mvn -B -q package -DskipTests" >&2; exit 1; }
[[ -x "$helm" ]] || { echo "helm 3 not found at $helm; run scripts/install-test-tools.sh" >&2; exit 1; }
export KUBECONFIG=/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: >"$work/empty.yaml"

python3 - "$root" "$shared" "$helm" "$jar" "$work" <<'PY'
import json, os, subprocess, sys, time
root, shared, helm, jar, work = sys.argv[1:]
charts = []
for corpus in (shared, os.path.join(root, "testdata", "corpus")):
    expected = os.path.join(corpus, "expected")
    if not os.path.isdir(expected):
        continue
    for name in sorted(os.listdir(expected)):
        e = json.load(open(os.path.join(expected, name)))
        args = e.get("renderCommand", "").split()
        kube = args[args.index("--kube-version") + 1] if "--kube-version" in args else None
        values = [os.path.join(corpus, v) for v in e.get("valuesFiles", [])]
        charts.append((os.path.join(corpus, "charts", e["chart"]), kube, values))

def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)

total_renders = 0
counted = 0
t_kata = 0.0
t_helm = 0.0
print(f"{'chart':32} {'renders':>7} {'moved':>5}  {'rewrite s':>9} {'helm s':>7}")
for chart, kube, values in charts:
    common = ["--release", "rel", "--namespace", "ns"] + (["--kube-version", kube] if kube else [])
    files = []
    for v in values:
        files += ["-f", v]
    listed = run(["java", "-jar", jar, "list", chart, *common, *files, "--output", "json"])
    domains = set()
    try:
        for c in json.loads(listed.stdout)["charts"]:
            for i in c["images"]:
                if i.get("reference") and any(o.get("origin") != "annotation" for o in i.get("occurrences", [])):
                    domains.add(i["registry"])
    except (ValueError, KeyError):
        pass
    mappings = []
    for d in sorted(domains):
        mappings += ["--mapping", f"{d}=harbor.example.com/{d.replace('.', '-').replace(':', '-')}"]
    if not mappings:
        mappings = ["--mapping", "docker.io=harbor.example.com/docker-io"]
    start = time.monotonic()
    out = run(["java", "-jar", jar, "rewrite", chart, *common, *files, "-f", os.path.join(work, "empty.yaml"),
               *mappings, "--dry-run", "--output-format", "json"])
    t1 = time.monotonic() - start
    start = time.monotonic()
    run([helm, "template", "rel", chart, "--namespace", "ns", *files, *(["--kube-version", kube] if kube else [])])
    t2 = time.monotonic() - start
    try:
        result = json.loads(out.stdout)
        renders = result["renders"]
        moved = len(result["moved"])
    except (ValueError, KeyError):
        print(f"{os.path.basename(chart):32} failed: {(out.stderr or out.stdout).strip()[:150]}")
        continue
    total_renders += renders
    counted += 1
    t_kata += t1
    t_helm += t2
    print(f"{os.path.basename(chart):32} {renders:7d} {moved:5d}  {t1:9.1f} {t2:7.2f}")
if counted:
    print(f"\n{counted} charts, {total_renders} renders: {total_renders / counted:.2f} renders per chart on average")
    print(f"rewrite loop {t_kata:.1f} s vs helm template loop {t_helm:.1f} s: ratio {t_kata / t_helm:.1f}")
PY
