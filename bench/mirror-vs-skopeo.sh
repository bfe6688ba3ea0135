#!/usr/bin/env bash
# Measures one `katafraktos mirror` of a chart that references every image of a seeded source
# registry against the two ways skopeo users copy the same images: one `skopeo sync --src yaml`
# and a loop of `skopeo copy --all --preserve-digests`, one per image: per-round wall times,
# medians, and the ratios katafraktos/skopeo-sync and katafraktos/skopeo-copy-loop. The aim is at
# most half the time of skopeo sync. A measurement to read, not a test: nothing here asserts a bound.
#
# Usage: bench/mirror-vs-skopeo.sh [ROUNDS]      (default 3; ROUNDS env var works too)
#   KATAFRAKTOS_JAR    CLI jar (default: cli/target/katafraktos.jar; build: mvn -B -q package -DskipTests)
#   SKOPEO             skopeo binary (default: skopeo on PATH; install: apt-get install skopeo)
#   TLS=1              the source registry serves HTTPS with a test CA (--ca-file, --src-cert-dir)
#   JOBS=N             katafraktos --jobs N (default: the CLI's default)
#   KATAFRAKTOS_ARGS   more flags for the katafraktos arm, e.g. --no-signatures
#   JAVA_JAR=1         run `java -jar` with the JVM's defaults instead of the cli/katafraktos launcher
#   FIRST_TAG_ONLY=1   copy one tag per repository: no two images of a run share a target repository
#                      (with several tags per repository, katafraktos mirror at --jobs > 1 mounts the
#                      same blob and puts the same manifest into one repository from parallel tasks,
#                      and the registry then fails a manifest PUT now and then: MANIFEST_BLOB_UNKNOWN)
#
# Two real registries (testdata/registry/registry.sh, open mode): the source, seeded once with the
# default set of seed.py and a generated set with shared layers (base images, language runtimes
# shared by several apps, MB-sized random layers; multi-platform and single-platform, Docker and
# OCI media types, extra tags), and a target. Every arm of every round copies into a fresh target
# registry, so each copies everything: skopeo remembers where it saw blobs (its blob-info cache,
# /var/lib/containers/cache for root, which no flag moves) and would mount them from an earlier
# copy in a shared target instead of uploading them. The prefixes differ too (mirror-k, mirror-sync,
# mirror-loop); skopeo sync without --scoped keeps only the last path component of a repository,
# so the generated repositories have distinct last components. After round 1 the script checks
# that all three copies hold every tag and platform manifest with the source's digests (HEAD with
# the Accept header), so the arms did equal work, and prints the requests each arm made.
# The arms rotate their order each round (k, sync, loop; sync, loop, k; ...), so none always runs
# on a warmer cache. Registries and temporary files are removed on exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/arms.sh
source "$root/bench/arms.sh" # median
rounds="${1:-${ROUNDS:-3}}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer, got '$rounds'" >&2; exit 2; }
jar="${KATAFRAKTOS_JAR:-$root/cli/target/katafraktos.jar}"
skopeo="${SKOPEO:-$(command -v skopeo || true)}"
registry_sh="$root/testdata/registry/registry.sh"
jobs="${JOBS:-}"
read -r -a extra_args <<<"${KATAFRAKTOS_ARGS:-}"

[[ -f "$jar" ]] || { echo "$jar not found; build it with: mvn -B -q package -DskipTests" >&2; exit 1; }
[[ -n "$skopeo" && -x "$skopeo" ]] || { echo "skopeo not found; install it with: apt-get install skopeo" >&2; exit 1; }
[[ -z "$jobs" || "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "JOBS must be a positive integer, got '$jobs'" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/katafraktos-mirror-bench.XXXXXX")"
started=() # registry dirs to stop on exit
cleanup() {
  local dir
  for dir in "${started[@]}"; do
    [[ ! -d "$dir" ]] || "$registry_sh" stop --dir "$dir" --purge >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/logs"

# start_registry DIR [registry.sh start flags]; its log lines go to $work/logs/registries.log
start_registry() {
  local dir="$1"
  shift
  started+=("$dir")
  "$registry_sh" start --dir "$dir" "$@" >/dev/null 2>>"$work/logs/registries.log" || {
    cat "$work/logs/registries.log" >&2
    exit 1
  }
}

stop_registry() {
  "$registry_sh" stop --dir "$1" --purge >/dev/null 2>&1
}

env_get() { # DIR KEY
  sed -n "s/^$2=//p" "$1/registry.env"
}

# "response completed" lines: one per request the registry answered (needs --log-level info)
requests() {
  grep -c 'msg="response completed' "$1" || true
}

# ---------------------------------------------------------------- source registry and images
src_dir="$work/source"
if [[ "${TLS:-0}" == 1 ]]; then
  start_registry "$src_dir" --log-level info --tls
else
  start_registry "$src_dir" --log-level info
fi
src="$(env_get "$src_dir" REGISTRY_HOST)"
src_url="$(env_get "$src_dir" REGISTRY_URL)"
src_ca="$(env_get "$src_dir" REGISTRY_CA_CERT)"
src_certdir="$(env_get "$src_dir" REGISTRY_CERT_DIR)"

python3 "$root/testdata/registry/seed.py" --env "$src_dir/registry.env" --default-set \
  --out "$work/default.json" >/dev/null

# The generated set: bases, runtimes shared by several apps, one own layer per app version.
# Content is random but seeded by the layer's name, so digests are the same on every run.
python3 - "$root/testdata/registry" "$src_url" "$src_ca" "$work/default.json" "$work/images.json" <<'PY'
import gzip, io, json, random, sys, tarfile

sys.path.insert(0, sys.argv[1])
import seed  # noqa: E402

url, cacert, default_json, out = sys.argv[2:6]
client = seed.Client(url, cacert=cacert or None)
KiB, MiB = 1 << 10, 1 << 20
AMD, ARM = "linux/amd64", "linux/arm64/v8"

layers = {}  # name -> (tar bytes, gzip bytes)


def layer(name, size):
    if name not in layers:
        data = random.Random(name).randbytes(size)
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            info = tarfile.TarInfo("opt/" + name.replace("/", "_").replace(":", "_"))
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            info.uname = info.gname = "root"
            tar.addfile(info, io.BytesIO(data))
        t = raw.getvalue()
        layers[name] = (t, gzip.compress(t, compresslevel=1, mtime=0))
    return layers[name]


def image(ref, platform, parts, oci):
    """parts: [(layer name, size)], the platform is part of every layer's name."""
    blobs, descs, diff_ids = [], [], []
    for name, size in parts:
        t, gz = layer("%s@%s" % (name, platform), size)
        diff_ids.append(seed.sha256(t))
        blobs.append((seed.sha256(gz), gz))
        descs.append({"mediaType": seed.OCI_LAYER if oci else seed.DOCKER_LAYER,
                      "size": len(gz), "digest": seed.sha256(gz)})
    config = dict(seed.platform_dict(platform))
    config.update({"created": "1970-01-01T00:00:00Z",
                   "config": {"Cmd": ["/app"], "Labels": {"bench.ref": ref}},
                   "rootfs": {"type": "layers", "diff_ids": diff_ids},
                   "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "bench"}] * len(parts)})
    cb = seed.canon(config)
    manifest = {"schemaVersion": 2, "mediaType": seed.OCI_MANIFEST if oci else seed.DOCKER_MANIFEST,
                "config": {"mediaType": seed.OCI_CONFIG if oci else seed.DOCKER_CONFIG,
                           "size": len(cb), "digest": seed.sha256(cb)},
                "layers": descs}
    mb = seed.canon(manifest)
    return seed.Built(manifest["mediaType"], mb, blobs=[(seed.sha256(cb), cb)] + blobs,
                      platforms={platform: seed.sha256(mb)})


def multi(ref, platforms, parts, oci):
    children = [image(ref, p, parts, oci) for p in platforms]
    index = {"schemaVersion": 2, "mediaType": seed.OCI_INDEX if oci else seed.DOCKER_LIST,
             "manifests": [{"mediaType": c.media_type, "size": len(c.bytes), "digest": c.digest,
                            "platform": seed.platform_dict(p)} for p, c in zip(platforms, children)]}
    return seed.Built(index["mediaType"], seed.canon(index), children=children,
                      platforms={p: c.digest for p, c in zip(platforms, children)})


bases = {"debian": [("base-debian", 6 * MiB)], "alpine": [("base-alpine", 2 * MiB)],
         "distroless": [("base-distroless", 1 * MiB)]}
runtimes = {"debian": ("runtime-jre", 4 * MiB), "alpine": ("runtime-python", 3 * MiB),
            "distroless": None}
app_sizes = [64 * KiB, 256 * KiB, 512 * KiB, 1 * MiB, 2 * MiB, 128 * KiB]
teams = ["payments", "search", "identity", "platform"]
services = ["api", "worker", "gateway", "ui", "scheduler", "indexer", "exporter", "migrator", "cache"]

entries = []  # (repo, tag, Built)
entries.append(("base/debian", "12", multi("base/debian:12", [AMD, ARM], bases["debian"], False)))
entries.append(("base/debian", "latest", entries[-1][2]))
entries.append(("base/alpine-os", "3.20", multi("base/alpine-os:3.20", [AMD, ARM], bases["alpine"], True)))
entries.append(("base/distroless", "static", image("base/distroless:static", AMD, bases["distroless"], True)))
i = 0
for team in teams:
    for service in services:
        repo = "%s/%s-%s" % (team, team, service)  # distinct last components, for skopeo sync
        base = ["debian", "alpine", "distroless"][i % 3]
        parts = list(bases[base]) + ([runtimes[base]] if runtimes[base] else [])
        versions = ["1.0.0", "1.1.0"] if i % 6 == 0 else ["1.0.0"]
        for v in versions:
            own = parts + [("app-%s:%s" % (repo, v), app_sizes[(i + len(v)) % len(app_sizes)])]
            if i % 4 == 0:
                b = multi("%s:%s" % (repo, v), [AMD, ARM], own, i % 8 == 0)
            else:
                b = image("%s:%s" % (repo, v), AMD, own, i % 2 == 0)
            entries.append((repo, v, b))
        if len(versions) > 1:
            entries.append((repo, "latest", entries[-1][2]))
        i += 1

# push, mounting a blob from the first repository that got it instead of uploading it again
where = {}


def push_blob(repo, digest, data):
    if digest in where and where[digest] != repo:
        status, _, _ = client.request(
            "POST", "/v2/%s/blobs/uploads/?mount=%s&from=%s" % (repo, digest, where[digest]),
            repo, body=b"", headers={"Content-Length": "0"}, ok=(201, 202))
        if status == 201:
            return
    client.push_blob(repo, digest, data)
    where.setdefault(digest, repo)


def push(repo, ref, b):
    for child in b.children:
        push(repo, child.digest, child)
    for digest, data in b.blobs:
        push_blob(repo, digest, data)
    client.push_manifest(repo, ref, b.media_type, b.bytes)


for repo, tag, b in entries:
    push(repo, tag, b)
    if client.head_manifest(repo, tag) != b.digest:
        sys.exit("seeding %s:%s did not give %s" % (repo, tag, b.digest))

result = json.load(open(default_json))
for repo, tag, b in entries:
    result["%s:%s" % (repo, tag)] = {"digest": b.digest, "mediaType": b.media_type,
                                     "platforms": b.platforms}
json.dump(result, open(out, "w"), indent=2, sort_keys=True)

# the bytes each tool moves: every blob once, or once per repository without cross-repo mounts
unique, per_repo, seen = {}, 0, set()


def count(repo, b):
    global per_repo
    for c in b.children:
        count(repo, c)
    for digest, data in b.blobs:
        unique[digest] = len(data)
        if (repo, digest) not in seen:
            seen.add((repo, digest))
            per_repo += len(data)


for repo, tag, b in entries:
    count(repo, b)
repos = {r for r, _, _ in entries}
print("generated: %d tags in %d repositories, %d blobs, %.1f MiB (%.1f MiB summed over repositories)"
      % (len(entries), len(repos), len(unique), sum(unique.values()) / MiB, per_repo / MiB))
PY

# FIRST_TAG_ONLY=1: one tag per repository (see the usage above)
mapfile -t refs < <(python3 - "$work/images.json" "${FIRST_TAG_ONLY:-0}" <<'PY'
import json, sys
refs, repos = [], set()
for ref in sorted(json.load(open(sys.argv[1]))):
    repo = ref.rsplit(":", 1)[0]
    if sys.argv[2] != "1" or repo not in repos:
        refs.append(ref)
    repos.add(repo)
print("\n".join(refs))
PY
)
((${#refs[@]} > 0)) || { echo "no image seeded" >&2; exit 1; }
printf '%s\n' "${refs[@]}" >"$work/refs.txt"

# ---------------------------------------------------------------- what each arm reads
chart="$work/chart"
mkdir -p "$chart/templates"
printf '%s\n' 'apiVersion: v2' 'name: mirror-bench' 'version: 0.1.0' >"$chart/Chart.yaml"
{
  echo "images:"
  for ref in "${refs[@]}"; do echo "  - \"$src/$ref\""; done
} >"$chart/values.yaml"
cat >"$chart/templates/deployments.yaml" <<'EOF'
{{- range $i, $image := .Values.images }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench-{{ $i }}
spec:
  selector:
    matchLabels:
      app: bench-{{ $i }}
  template:
    metadata:
      labels:
        app: bench-{{ $i }}
    spec:
      containers:
        - name: app
          image: {{ $image | quote }}
{{- end }}
EOF

# skopeo sync's list: repositories and their tags at the source
python3 - "$src" "${TLS:-0}" "$src_certdir" "${refs[@]}" >"$work/sync.yaml" <<'PY'
import json, sys
src, tls, certdir, refs = sys.argv[1], sys.argv[2] == "1", sys.argv[3], sys.argv[4:]
tags = {}
for ref in refs:
    repo, tag = ref.rsplit(":", 1)
    tags.setdefault(repo, []).append(tag)
print("%s:" % src)
print("  tls-verify: %s" % ("true" if tls else "false"))
if tls:
    print("  cert-dir: %s" % certdir)
print("  images:")
for repo, ts in tags.items():
    print("    %s: %s" % (repo, json.dumps(ts)))
PY

src_k=(--insecure-registry "$src")
src_skopeo=(--src-tls-verify=false)
if [[ "${TLS:-0}" == 1 ]]; then
  src_k=(--ca-file "$src_ca")
  src_skopeo=(--src-tls-verify=true --src-cert-dir "$src_certdir")
fi

# ---------------------------------------------------------------- the arms: ARM DST LOG
katafraktos() {
  if [[ "${JAVA_JAR:-0}" == 1 ]]; then
    java -jar "$jar" "$@"
  else
    KATAFRAKTOS_JAR="$jar" "$root/cli/katafraktos" "$@"
  fi
}

run_katafraktos() {
  katafraktos mirror "$chart" --mapping "$src=$1/mirror-k" "${src_k[@]}" --insecure-registry "$1" \
    ${jobs:+--jobs "$jobs"} "${extra_args[@]}" >"$2" 2>&1
}

run_sync() {
  "$skopeo" sync --all --preserve-digests --src yaml --dest docker --dest-tls-verify=false \
    "$work/sync.yaml" "$1/mirror-sync" >"$2" 2>&1
}

run_loop() {
  local ref
  : >"$2"
  for ref in "${refs[@]}"; do
    "$skopeo" copy --all --preserve-digests "${src_skopeo[@]}" --dest-tls-verify=false \
      "docker://$src/$ref" "docker://$1/mirror-loop/$ref" >>"$2" 2>&1 || return 1
  done
}

# prints elapsed milliseconds of "$@" and returns its status (arms.sh's time_ms hides it)
timed() {
  local start end code=0
  start=$(date +%s%N)
  "$@" || code=$?
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
  return $code
}

arms=(katafraktos sync loop)
declare -A label=([katafraktos]="katafraktos" [sync]="skopeo sync" [loop]="skopeo copy loop")
declare -A times=([katafraktos]="" [sync]="" [loop]="")
declare -A first_dst=() first_requests=()

echo "source:   $src_url (${#refs[@]} tags to copy; seed: default set + generated)"
echo "skopeo:   $skopeo ($("$skopeo" --version))"
echo "cli:      $jar ($(java -version 2>&1 | head -n 1))${jobs:+, --jobs $jobs}${KATAFRAKTOS_ARGS:+, $KATAFRAKTOS_ARGS}"
jvm=()
version() { katafraktos --version >/dev/null; }
for _ in 1 2 3; do jvm+=("$(timed version)"); done
echo "jvm:      katafraktos --version takes $(printf '%s\n' "${jvm[@]}" | median) ms (median of 3)"
echo "cores:    $(nproc)"
echo "rounds:   $rounds"

for ((round = 1; round <= rounds; round++)); do
  line="round $round:"
  for ((k = 0; k < 3; k++)); do
    arm="${arms[$(((round - 1 + k) % 3))]}"
    dst_dir="$work/target-$arm-$round"
    start_registry "$dst_dir" --log-level info
    dst="$(env_get "$dst_dir" REGISTRY_HOST)"
    log="$work/logs/$arm-$round.log"
    src_before="$(requests "$src_dir/registry.log")"
    if ! ms="$(timed "run_$arm" "$dst" "$log")"; then
      echo "${label[$arm]} failed in round $round; what it said about failures, and its last lines:" >&2
      grep -i -E 'fail|error|exception' "$log" | grep -v -E ' [0-9]+ failed|, 0 failed' | head -n 20 >&2 || true
      tail -n 5 "$log" >&2
      exit 1
    fi
    times[$arm]+="$ms "
    line+="$(printf '   %s %6d ms' "${label[$arm]}" "$ms")"
    if ((round == 1)); then
      first_dst[$arm]="$dst"
      first_requests[$arm]="$(($(requests "$src_dir/registry.log") - src_before)) at the source, $(requests "$dst_dir/registry.log") at the target"
    else
      stop_registry "$dst_dir"
    fi
  done
  echo "$line"

  if ((round == 1)); then
    # equal work: every tag and every platform manifest with the source's digest in all three copies
    python3 - "$root/testdata/registry" "$work/images.json" "$work/refs.txt" "${first_dst[katafraktos]}" \
      "${first_dst[sync]}" "${first_dst[loop]}" <<'PY' || exit 1
import json, sys
sys.path.insert(0, sys.argv[1])
import seed  # noqa: E402
seeded = json.load(open(sys.argv[2]))
images = {ref: seeded[ref] for ref in open(sys.argv[3]).read().split()}
copies = {"katafraktos": (sys.argv[4], lambda r: "mirror-k/" + r),
          "skopeo sync": (sys.argv[5], lambda r: "mirror-sync/" + r.rsplit("/", 1)[-1]),
          "skopeo copy loop": (sys.argv[6], lambda r: "mirror-loop/" + r)}
bad, checked = [], 0
for name, (host, path) in copies.items():
    client = seed.Client("http://" + host)
    for ref, want in sorted(images.items()):
        repo, tag = ref.rsplit(":", 1)
        expected = [(tag, want["digest"])]
        if want["mediaType"] in (seed.OCI_INDEX, seed.DOCKER_LIST):
            expected += [(d, d) for d in want["platforms"].values()]  # and the index's children
        for reference, digest in expected:
            got = client.head_manifest(path(repo), reference)
            checked += 1
            if got != digest:
                bad.append("%s: %s/%s@%s is %s, source %s" % (name, host, path(repo), reference, got, digest))
if bad:
    print("copies differ from the source:\n  " + "\n  ".join(bad[:20]), file=sys.stderr)
    sys.exit(1)
print("verified: %d tags, %d manifests per copy, digests identical to the source in all three copies"
      % (len(images), checked // 3))
PY
    for arm in "${arms[@]}"; do
      echo "requests (round 1) ${label[$arm]}: ${first_requests[$arm]}"
    done
    for ((k = 0; k < 3; k++)); do stop_registry "$work/target-${arms[$k]}-1"; done
  fi
done

declare -A med=()
echo
printf '%-18s %10s\n' "arm" "median ms"
for arm in "${arms[@]}"; do
  med[$arm]="$(printf '%s\n' ${times[$arm]} | median)"
  printf '%-18s %10s\n' "${label[$arm]}" "${med[$arm]}"
done
awk -v k="${med[katafraktos]}" -v s="${med[sync]}" -v l="${med[loop]}" 'BEGIN {
  printf "ratio katafraktos/skopeo-sync:      %.2f\n", k / s
  printf "ratio katafraktos/skopeo-copy-loop: %.2f\n", k / l
  printf "aim: <= 0.5 of skopeo sync: %s (%.2f)\n", (k / s <= 0.5 ? "met" : "not met"), k / s
}'
