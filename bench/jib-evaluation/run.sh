#!/usr/bin/env bash
# Re-runs the jib-core 0.28.1 evaluation of docs/registry-client.md: two throw-away registries
# (testdata/registry/registry.sh), the default seed set plus Docker-Hub-shaped manifests
# (scripts/seed_extra.py), a 200 MiB random blob, then JibCopy / RawManifest against them and a
# redirecting server. A measurement to read, not a test: nothing here asserts.
#   bench/jib-evaluation/run.sh [WORK_DIR]     (default /tmp/jib-evaluation)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REG="$HERE/../../testdata/registry"
W="${1:-/tmp/jib-evaluation}"
mkdir -p "$W"
cleanup() {
  "$REG/registry.sh" stop --dir "$W/src" --purge >/dev/null 2>&1 || true
  "$REG/registry.sh" stop --dir "$W/dst" --purge >/dev/null 2>&1 || true
  [ -f "$W/redirect.pid" ] && kill "$(cat "$W/redirect.pid")" 2>/dev/null || true
}
trap cleanup EXIT

"$REG/registry.sh" start --mode open --log-level info --dir "$W/src" >/dev/null
"$REG/registry.sh" start --mode open --log-level info --dir "$W/dst" >/dev/null
S=$(. "$W/src/registry.env"; echo "$REGISTRY_HOST")
D=$(. "$W/dst/registry.env"; echo "$REGISTRY_HOST")
python3 "$REG/seed.py" --env "$W/src/registry.env" --default-set >/dev/null
python3 "$HERE/scripts/seed_extra.py" "http://$S" >/dev/null

(cd "$HERE" && mvn -q -B compile && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" >/dev/null)
CP="$HERE/target/classes:$(cat "$W/cp.txt")"
jib() { java "${JAVA_OPTS[@]}" -cp "$CP" "$@" 2>&1 | grep -v 'jib WARN'; }
JAVA_OPTS=()
raw() { skopeo inspect --tls-verify=false --raw "docker://$1"; }
compare() {  # compare SRC_REF DST_REF
  printf '  source %s  target %s\n' "$(raw "$1" | sha256sum | cut -c1-16)" "$(raw "$2" | sha256sum | cut -c1-16)"
  diff <(raw "$1" | python3 -m json.tool --sort-keys) <(raw "$2" | python3 -m json.tool --sort-keys) \
    | sed 's/^/  /' || true
}

echo "## a. pullManifest -> copy blobs -> pushManifest (children first, by digest)"
for img in library/busybox:1.36 team/app:1.0.0 hub/indented:1 hub/annotated:1 \
           library/alpine:3.20 team/multi:1.0 hub/variants:1; do
  echo "### $img"
  jib eval.JibCopy image "$S" "$D" "${img%:*}" "${img##*:}" | grep -v '^  blob'
  case $img in library/alpine*|team/multi*|hub/variants*) ;; *) compare "$S/$img" "$D/$img" ;; esac
done
echo "## a'. list/index only, children copied byte-exact by skopeo first"
for img in library/alpine:3.20 team/multi:1.0 hub/variants:1; do
  echo "### $img"
  for c in $(raw "$S/$img" | python3 -c 'import json,sys; [print(m["digest"]) for m in json.load(sys.stdin)["manifests"]]'); do
    skopeo copy -q --src-tls-verify=false --dest-tls-verify=false "docker://$S/${img%:*}@$c" "docker://$D/${img%:*}:kid-${c:7:8}"
  done
  jib eval.JibCopy index "$S" "$D" "${img%:*}" "${img##*:}"
  compare "$S/$img" "$D/$img"
done
echo "## b. raw bytes through pushManifest with a RawValue template"
for img in hub/indented:1 hub/annotated:1 hub/variants:1; do
  echo "### $img"; jib eval.RawManifest "$S" "$D" "${img%:*}" "${img##*:}"; compare "$S/$img" "$D/$img"
done

echo "## c. 200 MiB blob, -Xmx64m; then a mount; then a mount from a repository without the blob"
head -c 209715200 /dev/urandom > "$W/big.bin"
BIG=sha256:$(sha256sum "$W/big.bin" | cut -d' ' -f1)
loc=$(curl -s -D - -o /dev/null -X POST "http://$S/v2/big/layer/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
curl -s -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$W/big.bin" "$loc&digest=$BIG"
rm -f "$W/big.bin"
JAVA_OPTS=(-Xmx64m)
for args in "mirror/big $BIG" "mirror/big2 $BIG mirror/big" "mirror/big3 $BIG nope/none"; do
  set -- $args
  echo "### pushBlob to $1${3:+, mount from $3}"
  n=$(wc -l < "$W/dst/registry.log")
  /usr/bin/time -f "  max RSS %M KiB" java -Xmx64m -cp "$CP" eval.JibCopy blob "$S" big/layer "$D" "$@" 2>&1 | grep -v 'jib WARN'
  "$HERE/scripts/reglog.sh" "$W/dst/registry.log" $((n + 1)) | sed 's/^/  target log: /'
done
JAVA_OPTS=()

echo "## c/d. digest check on pull, redirects and Authorization"
python3 "$HERE/scripts/redirect_server.py" 47301 47302 > "$W/redirect.log" 2>&1 &
echo $! > "$W/redirect.pid"; sleep 1
read -r _ good _ bad _ same < "$W/redirect.log"
for d in "$good" "$same" "$bad"; do jib eval.JibCopy pull 127.0.0.1:47301 r "$d" u:secret | grep -v DEBUG; done
n=$(wc -l < "$W/dst/registry.log")
jib eval.JibCopy blob 127.0.0.1:47301 r "$D" mirror/bad "$bad" | grep -E '^pushBlob|^elapsed|Exception in' || true
"$HERE/scripts/reglog.sh" "$W/dst/registry.log" $((n + 1)) | sed 's/^/  target log: /'
tail -n +2 "$W/redirect.log" | sed 's/^/  server log: /'

echo "## e. dependencies"
tr ':' '\n' < "$W/cp.txt" | grep . | xargs stat -c %s | awk '{s += $1; n++} END {printf "  %d jars, %d bytes\n", n, s}'
