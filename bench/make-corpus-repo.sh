#!/usr/bin/env bash
# Builds a GitOps repository from the conformance corpus: every corpus chart deployed to three
# environments by Argo CD Applications, as a platform team keeps them in git. Used by
# bench/audit-repo-vs-helm.sh and by core's CorpusRepoAuditIT, so both see the same layout.
#
# Usage: bench/make-corpus-repo.sh CORPUS OUT
#   CORPUS  the corpus folder (the one with charts/ and expected/)
#   OUT     where to build the repository; must not exist or be empty
#
# Layout of OUT, for each corpus chart <name> and each <env> of dev, staging, prod:
#   charts/<name>/                   a copy of the corpus chart
#   charts/<name>/values-<env>.yaml  comments only: the images stay the chart's defaults, so each
#                                    release renders the images of the corpus's expected file,
#                                    and charts with a values.schema.json accept it
#   apps/<env>/<name>.yaml           an Argo CD Application: path charts/<name>, valueFiles
#                                    values-<env>.yaml, releaseName <name>, namespace <env>,
#                                    kubeVersion 1.30.0 (victoria-metrics-k8s-stack takes an image
#                                    tag from it; see the corpus README)
#
# Prints one line per release, tab-separated, for whoever renders them without discovery:
#   <release> <namespace> <chart dir> <values file> <kube version> <application file>
# (paths relative to OUT), in the order of the environments above, charts sorted by name.
set -euo pipefail

(($# == 2)) || { echo "usage: $0 CORPUS OUT" >&2; exit 2; }
corpus="$1"
out="$2"
envs=(dev staging prod)
kube_version=1.30.0
repo_url=https://git.example.com/platform/gitops.git

[[ -d "$corpus/charts" ]] || { echo "no charts/ in corpus folder $corpus" >&2; exit 1; }
if [[ -e "$out" && -n "$(ls -A "$out")" ]]; then
  echo "$out exists and is not empty; give a new directory" >&2
  exit 1
fi
mkdir -p "$out/charts" "$out/apps"

mapfile -t names < <(find "$corpus/charts" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
((${#names[@]} > 0)) || { echo "no charts in $corpus/charts" >&2; exit 1; }

for name in "${names[@]}"; do
  cp -R "$corpus/charts/$name" "$out/charts/$name"
  for env in "${envs[@]}"; do
    cat >"$out/charts/$name/values-$env.yaml" <<EOF
# $env values of $name: nothing overridden yet, the images are the chart's defaults
EOF
  done
done

for env in "${envs[@]}"; do
  mkdir -p "$out/apps/$env"
  for name in "${names[@]}"; do
    cat >"$out/apps/$env/$name.yaml" <<EOF
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: $name-$env
  namespace: argocd
spec:
  project: default
  source:
    repoURL: $repo_url
    targetRevision: main
    path: charts/$name
    helm:
      releaseName: $name
      kubeVersion: $kube_version
      valueFiles:
        - values-$env.yaml
  destination:
    server: https://kubernetes.default.svc
    namespace: $env
EOF
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$env" "charts/$name" \
      "charts/$name/values-$env.yaml" "$kube_version" "apps/$env/$name.yaml"
  done
done
