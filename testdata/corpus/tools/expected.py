#!/usr/bin/env python3
"""Generate / check testdata/corpus/expected/<name>.json from REAL helm renders.

The expected files never come from Katafraktos: every chart is rendered with
real helm 3 and real helm 4, the output is parsed with PyYAML, and images are
extracted by the rules of the corpus README (same rules as
/work/shared/corpus/README.md).

Usage (from the repository root, or anywhere):

    python3 testdata/corpus/tools/expected.py NAME [NAME...]     write/update expected files
    python3 testdata/corpus/tools/expected.py --all              every folder in charts/
    python3 testdata/corpus/tools/expected.py --all --check      re-render, compare, exit 1 on a difference
    python3 testdata/corpus/tools/expected.py NAME --kube-version 1.30.0
                                               pin the kube version (recorded in renderCommand;
                                               later runs read it back from the expected file)
    python3 testdata/corpus/tools/expected.py NAME --label-file labels.jsonl
    python3 testdata/corpus/tools/expected.py NAME --pending pending.jsonl

helm binaries: $KATAFRAKTOS_HELM3 / $KATAFRAKTOS_HELM4, default
~/.cache/katafraktos/tools/helm3/helm and ~/.cache/katafraktos/tools/helm4/helm.
A values file testdata/corpus/values/NAME.yaml is used when it exists.

Render command (run in testdata/corpus/):
    helm template rel charts/NAME --namespace ns [-f values/NAME.yaml] [--kube-version V]

What is written
---------------
images       every container / initContainer / ephemeralContainer image of every pod
             template (Pod /spec, PodTemplate /template/spec, spec.template.spec,
             CronJob spec.jobTemplate.spec.template.spec, *List items one by one),
             deduplicated, sorted by source, kind, name, containerType, containerName, path.
otherImages  candidates a person labelled as image references.
notImages    candidates a person labelled as NOT image references (with "why").

Candidates (a deliberately broad net, CustomResourceDefinition documents skipped):
  imageField    a value under a key named `image` or ending in `image`/`Image` anywhere
                except the pod-template container `image` fields: a non-empty string, or a
                mapping with registry/repository/name/tag/digest/version keys.
                A split image mapping anywhere (also in parsed config data): a string
                `image` beside a scalar `repository` or `registry` and a scalar `version`
                or `tag`, whose parts compose a reference ([registry/][repository/]image
                [:version], a sha256: version as a digest): ONE candidate at the mapping's
                path, value = the whole mapping; its registry/repository/image/name/
                version/tag/digest keys are not scanned further (as the extractor's
                ImageFields: NVIDIA ClusterPolicy spec.driver = {repository, image, version}).
  containerArg  a pod-template container command/args element (or the value after `=` of
                `--flag=value`) that parses as a reference (distribution/reference grammar)
                with a tag or digest, or whose first component looks like a registry
                (`.` or `:` before the first `/`), and holds no `://`.
                Elements with whitespace (shell scripts) are also scanned token by token
                (path suffix `#L<line>`).
  containerEnv  the same test for env[].value; multi-line values (e.g. STRIMZI_KAFKA_IMAGES,
                `version=image` lines) are scanned token by token, `key=value` tokens by
                their value (path suffix `#L<line>`).
  configData    ConfigMap data, Secret stringData, Secret data (base64-decoded). Text that
                parses as one YAML/JSON mapping or sequence: image keys as in imageField,
                every string value shaped like a containerArg candidate, and every
                multi-line string value scanned as plain text (path `#/<ptr>#L<line>`).
                Other text, line by line: `...image: X` / `...image = X` lines (also with Go
                templates `{{ }}`), and whitespace-separated tokens (quotes/commas stripped)
                that parse as a reference with a `/` and a tag or digest.
                Path: /data/<key>#/<pointer> or /data/<key>#L<line>.

Labelling (by a person, by reading the render)
----------------------------------------------
Unlabelled candidates are printed as JSON lines (or written to --pending FILE) and the
script exits 1. Label a line by adding either
    "image": "<reference>"                      -> otherImages
    "image": null, "unresolved": "<why>"         -> otherImages (no repository in the value)
    "why": "<why this is not an image>"          -> notImages
and feed the lines back with --label-file FILE (JSON lines; blank lines and lines starting
with # are ignored). Editing otherImages/notImages in the expected JSON by hand works too.
Labels are matched by (source, kind, name, path, value); names listed under `volatile`
are matched by their regex. Labels in the expected file survive re-runs; labels that no
longer match a candidate are dropped (write mode, with a warning) or reported (--check).

`notes` are kept from the existing expected file (edit them by hand).
"""

import argparse
import base64
import binascii
import json
import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get("KATAFRAKTOS_CORPUS_DIR", os.path.dirname(HERE))  # override only for testing the script
HELM3 = os.environ.get("KATAFRAKTOS_HELM3", os.path.expanduser("~/.cache/katafraktos/tools/helm3/helm"))
HELM4 = os.environ.get("KATAFRAKTOS_HELM4", os.path.expanduser("~/.cache/katafraktos/tools/helm4/helm"))

# ---------------------------------------------------------------------------
# github.com/distribution/reference grammar (regexp.go), ported.
# ---------------------------------------------------------------------------
_alnum = r"[a-z0-9]+"
_sep = r"(?:[._]|__|[-]+)"
_path_component = _alnum + r"(?:" + _sep + _alnum + r")*"
_domain_name_component = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_ipv6 = r"\[(?:[a-fA-F0-9:]+)\]"
_domain_name = _domain_name_component + r"(?:\." + _domain_name_component + r")*"
_host = r"(?:" + _domain_name + r"|" + _ipv6 + r")"
_domain_and_port = _host + r"(?::[0-9]+)?"
_tag = r"[\w][\w.-]{0,127}"
_digest = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}"
_remote_name = _path_component + r"(?:/" + _path_component + r")*"
_name = r"(?:" + _domain_and_port + r"/)?" + _remote_name
REFERENCE_RE = re.compile(r"^(" + _name + r")(?::(" + _tag + r"))?(?:@(" + _digest + r"))?$")
NAME_TOTAL_LENGTH_MAX = 255


def parse_reference(s):
    """Return dict(name, domain, tag, digest) or None (distribution/reference.Parse)."""
    if not isinstance(s, str) or not s or len(s) > 1000:
        return None
    m = REFERENCE_RE.match(s)
    if not m:
        return None
    name, tag, digest = m.group(1), m.group(2), m.group(3)
    if len(name) > NAME_TOTAL_LENGTH_MAX:
        return None
    domain = None
    i = name.find("/")
    if i >= 0:
        first = name[:i]
        if "." in first or ":" in first or first == "localhost" or first.lower() != first:
            domain = first
    return {"name": name, "domain": domain, "tag": tag, "digest": digest}


def registry_looking(s):
    i = s.find("/")
    return i > 0 and ("." in s[:i] or ":" in s[:i])


def arg_shaped(s):
    """Candidate shape for args/env/config strings (rule b)."""
    if not isinstance(s, str) or "://" in s:
        return False
    r = parse_reference(s)
    if r and (r["tag"] or r["digest"]):
        return True
    if registry_looking(s) and r:
        return True
    return False


def token_shaped(s):
    """Plain-text token: a reference with a '/' and a tag or digest."""
    if "://" in s or "/" not in s:
        return False
    r = parse_reference(s)
    return bool(r and (r["tag"] or r["digest"]))


# ---------------------------------------------------------------------------
# YAML loading: YAML 1.2 core-ish scalars (no timestamps, no sexagesimal ints,
# no yes/no/on/off booleans) so that strings stay what helm/Kubernetes see.
# ---------------------------------------------------------------------------
class CoreLoader(yaml.SafeLoader):
    pass


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _construct_int(loader, node):
    v = loader.construct_scalar(node)
    try:
        if v.startswith("0o"):
            return int(v[2:], 8)
        return int(v, 0) if v.startswith("0x") else int(v)
    except ValueError:
        return v


CoreLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
CoreLoader.add_constructor("tag:yaml.org,2002:value", lambda l, n: l.construct_scalar(n))


def load_all(text):
    return list(yaml.load_all(text, Loader=CoreLoader))


# ---------------------------------------------------------------------------
# helm
# ---------------------------------------------------------------------------
def helm_version(helm):
    return subprocess.run([helm, "version", "--template", "{{.Version}}"], capture_output=True, text=True, check=True).stdout.strip()


def render_args(name, kube_version):
    args = ["template", "rel", "charts/" + name, "--namespace", "ns"]
    if os.path.exists(os.path.join(CORPUS, "values", name + ".yaml")):
        args += ["-f", "values/" + name + ".yaml"]
    if kube_version:
        args += ["--kube-version", kube_version]
    return args


def render(helm, args):
    p = subprocess.run([helm] + args, cwd=CORPUS, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s %s failed:\n%s" % (helm, " ".join(args), p.stderr))
    return p.stdout


DOC_SEP = re.compile(r"^---(?:\s.*)?$")
SOURCE_RE = re.compile(r"^# Source: (.+?)\s*$")


def split_docs(text):
    """Yield (source, object) for every non-empty document."""
    chunks, cur = [], []
    for line in text.split("\n"):
        if DOC_SEP.match(line):
            chunks.append(cur)
            cur = []
        else:
            cur.append(line)
    chunks.append(cur)
    out = []
    for chunk in chunks:
        source = None
        for line in chunk:
            m = SOURCE_RE.match(line)
            if m:
                source = m.group(1)
                break
        body = "\n".join(chunk)
        if not body.strip():
            continue
        for obj in load_all(body):
            if isinstance(obj, dict):
                out.append((source, obj))
    return out


def ptr_escape(k):
    return str(k).replace("~", "~0").replace("/", "~1")


def ptr(parts):
    return "".join("/" + ptr_escape(p) for p in parts)


# ---------------------------------------------------------------------------
# extraction
# ---------------------------------------------------------------------------
CONTAINER_TYPES = (("containers", "container"), ("initContainers", "initContainer"), ("ephemeralContainers", "ephemeralContainer"))
IMAGE_MAP_KEYS = {"registry", "repository", "name", "tag", "digest", "version"}


def expand_lists(source, obj):
    kind = obj.get("kind")
    if isinstance(kind, str) and kind.endswith("List") and isinstance(obj.get("items"), list):
        for i, item in enumerate(obj["items"]):
            if isinstance(item, dict):
                yield source, item, ["items", i]
    else:
        yield source, obj, []


def pod_specs(obj):
    """Yield (podSpecDict, pathParts) of the pod templates of one object."""
    kind = obj.get("kind")
    spec = obj.get("spec")
    if kind == "Pod" and isinstance(spec, dict):
        yield spec, ["spec"]
        return
    if kind == "PodTemplate":
        t = obj.get("template")
        if isinstance(t, dict) and isinstance(t.get("spec"), dict):
            yield t["spec"], ["template", "spec"]
        return
    if not isinstance(spec, dict):
        return
    t = spec.get("template")
    if isinstance(t, dict) and isinstance(t.get("spec"), dict) and isinstance(t["spec"].get("containers"), list):
        yield t["spec"], ["spec", "template", "spec"]
    jt = spec.get("jobTemplate")
    if isinstance(jt, dict) and isinstance(jt.get("spec"), dict):
        t = jt["spec"].get("template")
        if isinstance(t, dict) and isinstance(t.get("spec"), dict) and isinstance(t["spec"].get("containers"), list):
            yield t["spec"], ["spec", "jobTemplate", "spec", "template", "spec"]


def meta(obj):
    md = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    ns = md.get("namespace")
    return obj.get("kind"), md.get("name"), ns if ns is not None else None


def is_image_key(k):
    return isinstance(k, str) and (k == "image" or k.endswith("image") or k.endswith("Image"))


def image_key_value(v):
    if isinstance(v, str):
        return v.strip() != ""
    if isinstance(v, dict):
        return bool(IMAGE_MAP_KEYS & set(v.keys()))
    return False


SPLIT_PARTS = ("registry", "repository", "image", "name", "version", "tag", "digest")


def _scalar(v):
    # a YAML scalar of any type, null included (not a mapping or sequence, present)
    return not isinstance(v, (dict, list))


def _text(m, k):
    v = m.get(k)
    if v is None or isinstance(v, (dict, list)):
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def compose_split(m, name):
    """registry/repository/image:version (a sha256: version as a digest) [@digest]; None when no reference."""
    prefix = "/".join(p for p in (_text(m, "registry"), _text(m, "repository")) if p is not None and p.strip())
    version = _text(m, "version") if _text(m, "version") is not None else _text(m, "tag")
    digest = _text(m, "digest")
    image = (prefix + "/" if prefix else "") + name
    if version is not None and version.strip():
        image += ("@" if version.startswith("sha256:") else ":") + version
    if digest is not None and digest.strip():
        image += "@" + digest
    return image if parse_reference(image) else None


def split_image(m, under_image_key=False):
    """A split image field: `image` (under an image key also `name`) a string, beside a scalar
    `repository` or `registry` and a scalar `version` or `tag`. Away from image keys the parts
    must also compose a reference. Returns True/False."""
    name_key = "image" if ("image" in m or not under_image_key) else "name"
    if not (isinstance(m.get(name_key), str)
            and ((("repository" in m) and _scalar(m["repository"])) or (("registry" in m) and _scalar(m["registry"])))
            and ((("version" in m) and _scalar(m["version"])) or (("tag" in m) and _scalar(m["tag"])))):
        return False
    return under_image_key or compose_split(m, m[name_key]) is not None


def walk_image_keys(node, parts, skip, emit):
    """Rule (a): values under image keys, and split image mappings. emit(value, parts)."""
    if isinstance(node, dict):
        split = split_image(node)
        if split and tuple(parts) not in skip:
            emit(node, parts)
        for k, v in node.items():
            p = parts + [k]
            if split and k in SPLIT_PARTS:
                continue
            if is_image_key(k) and image_key_value(v):
                if tuple(p) not in skip:
                    emit(v, p)
                continue
            walk_image_keys(v, p, skip, emit)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk_image_keys(v, parts + [i], skip, emit)


IMAGE_LINE_RE = re.compile(r"""^.*?([A-Za-z0-9_.\-]*(?:image|Image|IMAGE))["']?\s*[:=]\s*(.*?)\s*$""")


def clean_token(t):
    return t.strip().strip("\"'`,;").strip()


def scan_text(text, emit_line):
    """Plain text, line by line. emit_line(value, lineNo)."""
    for n, line in enumerate(text.split("\n"), 1):
        seen = set()
        m = IMAGE_LINE_RE.match(line)
        if m:
            val = m.group(2)
            val = re.sub(r"\s+#.*$", "", val) if "{{" not in val else val
            val = val.strip().rstrip(",").strip().strip("\"'").strip()
            if val and val not in ("|", ">", "|-", ">-", "{", "[", "{}", "[]", '""', "''"):
                seen.add(val)
                emit_line(val, n)
        for tok in line.split():
            t = clean_token(tok)
            cands = [t]
            if "=" in t:
                cands.append(clean_token(t.split("=", 1)[1]))
            for c in cands:
                if c and c not in seen and token_shaped(c):
                    seen.add(c)
                    emit_line(c, n)


def scan_value_tokens(value, emit_line):
    """Multi-line / whitespace-containing arg or env value: token scan."""
    for n, line in enumerate(value.split("\n"), 1):
        seen = set()
        for tok in line.split():
            t = clean_token(tok)
            cands = [t]
            if "=" in t:
                cands.append(clean_token(t.split("=", 1)[1]))
            for c in cands:
                if c and c not in seen and "://" not in c and (token_shaped(c) or arg_shaped(c)) and c != value:
                    seen.add(c)
                    emit_line(c, n)


def parse_config_text(text):
    try:
        docs = load_all(text)
    except Exception:
        try:
            return json.loads(text), True
        except Exception:
            return None, False
    docs = [d for d in docs if d is not None]
    if len(docs) == 1 and isinstance(docs[0], (dict, list)):
        return docs[0], True
    return None, False


def scan_config(text, base, emit):
    """Rule (c) on one data value. emit(value, pathString)."""
    parsed, ok = parse_config_text(text)
    if ok:
        walk_image_keys(parsed, [], set(), lambda v, p: emit(v, base + "#" + ptr(p)))

        def strings(node, parts):
            if isinstance(node, dict):
                split = split_image(node)
                for k, v in node.items():
                    if split and k in SPLIT_PARTS:
                        continue  # part of a split image mapping, itself a candidate (a)
                    if is_image_key(k) and image_key_value(v):
                        continue  # already an imageField-style candidate (a)
                    strings(v, parts + [k])
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    strings(v, parts + [i])
            elif isinstance(node, str):
                if is_image_key(parts[-1] if parts else None):
                    return  # already an imageField-style candidate
                if arg_shaped(node.strip()):
                    emit(node, base + "#" + ptr(parts))
                elif "\n" in node.strip():
                    scan_config_string(node, base + "#" + ptr(parts), emit)

        strings(parsed, [])
    else:
        scan_text(text, lambda v, n: emit(v, base + "#L%d" % n))


def scan_config_string(text, base, emit):
    # a multi-line string inside parsed config: parse it again (nested YAML) or scan it
    parsed, ok = parse_config_text(text)
    if ok:
        scan_config(text, base, emit)
    else:
        scan_text(text, lambda v, n: emit(v, base + "#L%d" % n))


def extract(text):
    images, cands = [], []
    for source, top in split_docs(text):
        for source, obj, prefix in expand_lists(source, top):
            kind, name, ns = meta(obj)
            loc = {"kind": kind, "name": name, "namespace": ns, "source": source}
            skip = set()
            for spec, sp in pod_specs(obj):
                for key, ctype in CONTAINER_TYPES:
                    cl = spec.get(key)
                    if not isinstance(cl, list):
                        continue
                    for i, c in enumerate(cl):
                        if not isinstance(c, dict):
                            continue
                        cp = prefix + sp + [key, i]
                        skip.add(tuple(cp[len(prefix):] + ["image"]))
                        if isinstance(c.get("image"), str):
                            images.append(dict(image=c["image"], kind=kind, name=name, namespace=ns, containerType=ctype,
                                               containerName=c.get("name"), source=source, path=ptr(cp + ["image"])))
                        for field in ("command", "args"):
                            if isinstance(c.get(field), list):
                                for j, a in enumerate(c[field]):
                                    if not isinstance(a, str):
                                        continue
                                    p = ptr(cp + [field, j])
                                    flagval = a.split("=", 1)[1] if a.startswith("-") and "=" in a else None
                                    if arg_shaped(a) or (flagval is not None and arg_shaped(flagval)):
                                        cands.append(dict(value=a, context="containerArg", path=p, **loc))
                                    elif any(ch.isspace() for ch in a.strip()):
                                        scan_value_tokens(a, lambda v, n, p=p: cands.append(
                                            dict(value=v, context="containerArg", path=p + "#L%d" % n, **loc)))
                        if isinstance(c.get("env"), list):
                            for j, e in enumerate(c["env"]):
                                if isinstance(e, dict) and isinstance(e.get("value"), str):
                                    v = e["value"]
                                    p = ptr(cp + ["env", j, "value"])
                                    if arg_shaped(v):
                                        cands.append(dict(value=v, context="containerEnv", path=p, **loc))
                                    elif any(ch.isspace() for ch in v.strip()) or "=" in v or "," in v:
                                        scan_value_tokens(v.replace(",", " "), lambda x, n, p=p: cands.append(
                                            dict(value=x, context="containerEnv", path=p + "#L%d" % n, **loc)))
            if kind == "CustomResourceDefinition":
                continue
            walk_image_keys(obj, [], skip, lambda v, p: cands.append(
                dict(value=v, context="imageField", path=ptr(prefix + p), **loc)))
            if kind == "ConfigMap" and isinstance(obj.get("data"), dict):
                for k, v in obj["data"].items():
                    if isinstance(v, str):
                        scan_config(v, ptr(prefix + ["data", k]), lambda val, p: cands.append(
                            dict(value=val, context="configData", path=p, **loc)))
            if kind == "Secret":
                if isinstance(obj.get("stringData"), dict):
                    for k, v in obj["stringData"].items():
                        if isinstance(v, str):
                            scan_config(v, ptr(prefix + ["stringData", k]), lambda val, p: cands.append(
                                dict(value=val, context="configData", path=p, **loc)))
                if isinstance(obj.get("data"), dict):
                    for k, v in obj["data"].items():
                        if not isinstance(v, str):
                            continue
                        try:
                            dec = base64.b64decode(v, validate=False).decode("utf-8")
                        except (binascii.Error, UnicodeDecodeError, ValueError):
                            continue
                        scan_config(dec, ptr(prefix + ["data", k]), lambda val, p: cands.append(
                            dict(value=val, context="configData", path=p, **loc)))
    return images, cands


# ---------------------------------------------------------------------------
# keys, volatile names, labels
# ---------------------------------------------------------------------------
def vkey(v):
    return json.dumps(v, sort_keys=True)


def norm_name(name, volatile):
    for v in volatile or []:
        if v.get("field") == "name" and isinstance(name, str) and re.match(v["regex"], name):
            return v["value"]
    return name


def img_key(e, volatile):
    return (e["source"], e["kind"], norm_name(e["name"], volatile), e["namespace"], e["containerType"], e["containerName"], e["path"], e["image"])


def cand_key(e, volatile):
    return (e["source"] or "", e["kind"] or "", norm_name(e["name"], volatile) or "", e["path"], vkey(e["value"]))


def dedupe(entries, keyf):
    seen, out = set(), []
    for e in entries:
        k = keyf(e)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def sort_images(images):
    return sorted(images, key=lambda e: (e["source"] or "", e["kind"] or "", e["name"] or "", e["containerType"], e["containerName"] or "", e["path"]))


def sort_cands(cands):
    return sorted(cands, key=lambda e: (e["source"] or "", e["kind"] or "", e["name"] or "", e["path"], e["context"], vkey(e["value"])))


def derive_volatile(text_a, text_b):
    """Names that differ between two renders of the same binary (same document order)."""
    da, db = split_docs(text_a), split_docs(text_b)
    out = []
    if len(da) != len(db):
        return out
    for (_, a), (_, b) in zip(da, db):
        na, nb = meta(a)[1], meta(b)[1]
        if isinstance(na, str) and isinstance(nb, str) and na != nb and len(na) == len(nb):
            i = 0
            while na[i] == nb[i]:
                i += 1
            j = 0
            while na[-1 - j] == nb[-1 - j]:
                j += 1
            # widen to the whole random run: from the last '-' of the common prefix
            # to the first '-' of the common suffix (a random run may start or end
            # with characters that happen to be equal in both renders)
            i = na.rfind("-", 0, i) + 1
            suf = na[len(na) - j:]
            j = len(suf) - suf.find("-") if "-" in suf else 0
            mid = len(na) - i - j
            regex = "^" + re.escape(na[:i]) + "[a-z0-9]{%d}" % mid + re.escape(na[len(na) - j:]) + "$"
            out.append({"field": "name", "value": na, "regex": regex})
    return out


LOC_FIELDS = ("kind", "name", "namespace", "source", "path", "context")


def make_other(c, image, unresolved=None):
    e = {"value": c["value"], "image": image}
    if image is None:
        e["unresolved"] = unresolved or "no repository in the value"
    for f in LOC_FIELDS:
        e[f] = c[f]
    return e


def make_not(c, why):
    e = {"value": c["value"]}
    for f in LOC_FIELDS:
        e[f] = c[f]
    e["why"] = why
    return e


def read_label_file(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            out.append(json.loads(line))
    return out


# ---------------------------------------------------------------------------
# main work
# ---------------------------------------------------------------------------
def chart_meta(name):
    with open(os.path.join(CORPUS, "charts", name, "Chart.yaml")) as f:
        c = yaml.safe_load(f)
    return c.get("name"), str(c.get("version")), (str(c["appVersion"]) if c.get("appVersion") is not None else None)


def kube_version_from(existing):
    if existing:
        m = re.search(r"--kube-version\s+(\S+)", existing.get("renderCommand", ""))
        if m:
            return m.group(1)
    return None


def process(name, opts, labels_in):
    exp_path = os.path.join(CORPUS, "expected", name + ".json")
    existing = None
    if os.path.exists(exp_path):
        with open(exp_path) as f:
            existing = json.load(f)
    kube = opts.kube_version or kube_version_from(existing)
    args = render_args(name, kube)
    t3 = render(HELM3, args)
    t3b = render(HELM3, args)
    t4 = render(HELM4, args)
    volatile = derive_volatile(t3, t3b)
    if existing and existing.get("volatile"):
        # keep the recorded value so that the file stays stable
        old = existing["volatile"]
        volatile = [next((o for o in old if o["regex"] == v["regex"]), v) for v in volatile]
    i3, c3 = extract(t3)
    i4, c4 = extract(t4)
    i3 = sort_images(dedupe(i3, lambda e: img_key(e, volatile)))
    i4 = sort_images(dedupe(i4, lambda e: img_key(e, volatile)))
    c3 = sort_cands(dedupe(c3, lambda e: cand_key(e, volatile)))
    c4 = sort_cands(dedupe(c4, lambda e: cand_key(e, volatile)))
    # normalise volatile names to the recorded value
    for e in i3 + c3:
        e["name"] = norm_name(e["name"], volatile)

    s3i = {img_key(e, volatile) for e in i3}
    s4i = {img_key(e, volatile) for e in i4}
    s3c = {cand_key(e, volatile) for e in c3}
    s4c = {cand_key(e, volatile) for e in c4}
    agree = s3i == s4i and s3c == s4c
    diffs = None
    if not agree:
        diffs = {
            "onlyHelm3": [e for e in i3 if img_key(e, volatile) not in s4i] + [e for e in c3 if cand_key(e, volatile) not in s4c],
            "onlyHelm4": [e for e in i4 if img_key(e, volatile) not in s3i] + [e for e in c4 if cand_key(e, volatile) not in s3c],
        }

    # labels: existing file first, then label file (label file wins)
    labels = {}
    if existing:
        for e in existing.get("otherImages", []):
            labels[cand_key(dict(e, context=e.get("context")), volatile)] = ("image", e)
        for e in existing.get("notImages", []):
            labels[cand_key(e, volatile)] = ("not", e)
    for e in labels_in:
        if "source" in e and "path" in e and "value" in e:
            if "why" in e:
                labels[cand_key(e, volatile)] = ("not", e)
            elif "image" in e:
                labels[cand_key(e, volatile)] = ("image", e)

    others, nots, unlabelled = [], [], []
    used = set()
    for c in c3:
        k = cand_key(c, volatile)
        lab = labels.get(k)
        if lab is None:
            unlabelled.append(c)
            continue
        used.add(k)
        if lab[0] == "image":
            others.append(make_other(c, lab[1]["image"], lab[1].get("unresolved")))
        else:
            nots.append(make_not(c, lab[1]["why"]))
    stale = [v[1] for k, v in labels.items() if k not in used and (existing and (v[1] in existing.get("otherImages", []) or v[1] in existing.get("notImages", [])))]

    cname, cver, app = chart_meta(name)
    out = {
        "chart": name,
        "chartName": cname,
        "chartVersion": cver,
        "appVersion": app,
        "renderCommand": "helm " + " ".join(args),
    }
    if os.path.exists(os.path.join(CORPUS, "values", name + ".yaml")):
        out["valuesFiles"] = ["values/" + name + ".yaml"]
    out["helmVersions"] = {"helm3": helm_version(HELM3), "helm4": helm_version(HELM4)}
    out["helmVersionsAgree"] = agree
    out["images"] = i3
    out["otherImages"] = others
    out["notImages"] = nots
    if volatile:
        out["volatile"] = volatile
    if diffs:
        out["helmDifferences"] = diffs
    out["notes"] = existing.get("notes", []) if existing else []
    return out, existing, unlabelled, stale, exp_path


def compare(new, old):
    problems = []
    if old is None:
        return ["no expected file"]
    for k in ("chartName", "chartVersion", "appVersion", "renderCommand", "helmVersions", "helmVersionsAgree", "valuesFiles", "volatile"):
        if new.get(k) != old.get(k):
            problems.append("%s: expected %r, rendered %r" % (k, old.get(k), new.get(k)))
    vol = old.get("volatile")
    for k, keyf in (("images", lambda e: img_key(e, vol)),):
        a = {keyf(e) for e in old.get(k, [])}
        b = {keyf(e) for e in new.get(k, [])}
        for x in sorted(a - b, key=str):
            problems.append("%s missing from render: %s" % (k, x))
        for x in sorted(b - a, key=str):
            problems.append("%s new in render: %s" % (k, x))
    for k in ("otherImages", "notImages"):
        a = {(cand_key(e, vol), json.dumps(e, sort_keys=True)) for e in old.get(k, [])}
        b = {(cand_key(e, vol), json.dumps(e, sort_keys=True)) for e in new.get(k, [])}
        for x in sorted(a - b, key=str):
            problems.append("%s entry not reproduced: %s" % (k, x[1]))
        for x in sorted(b - a, key=str):
            problems.append("%s entry differs/new: %s" % (k, x[1]))
    if (old.get("helmDifferences") is None) != (new.get("helmDifferences") is None):
        problems.append("helmDifferences presence differs")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--check", action="store_true", help="compare with existing expected files, write nothing")
    ap.add_argument("--kube-version", help="pin --kube-version (recorded in renderCommand)")
    ap.add_argument("--label-file", action="append", default=[], help="JSON lines with labels")
    ap.add_argument("--pending", help="write unlabelled candidates to this file (JSON lines)")
    opts = ap.parse_args()
    names = list(opts.names)
    if opts.all:
        names += sorted(d for d in os.listdir(os.path.join(CORPUS, "charts")) if os.path.isdir(os.path.join(CORPUS, "charts", d)))
    if not names:
        ap.error("give chart names or --all")
    labels_in = []
    for lf in opts.label_file:
        labels_in += read_label_file(lf)
    failed = False
    pending_out = []
    for name in names:
        try:
            new, old, unlabelled, stale, exp_path = process(name, opts, labels_in)
        except Exception as ex:  # noqa
            print("%s: ERROR %s" % (name, ex), file=sys.stderr)
            failed = True
            continue
        status = "%s: %d images, %d otherImages, %d notImages, %d unlabelled, helm agree=%s" % (
            name, len(new["images"]), len(new["otherImages"]), len(new["notImages"]), len(unlabelled), new["helmVersionsAgree"])
        if opts.check:
            problems = compare(new, old)
            problems += ["unlabelled candidate: " + json.dumps(c, sort_keys=True) for c in unlabelled]
            if problems:
                failed = True
                print(name + ": DIFFERENT")
                for p in problems:
                    print("  " + p)
            else:
                print(name + ": OK (" + status.split(": ", 1)[1] + ")")
            continue
        for s in stale:
            print("%s: WARNING dropping stale label %s" % (name, json.dumps(s)), file=sys.stderr)
        os.makedirs(os.path.dirname(exp_path), exist_ok=True)
        with open(exp_path, "w") as f:
            json.dump(new, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(status)
        if not new["helmVersionsAgree"]:
            print("%s: WARNING helm 3 and helm 4 differ (consider --kube-version 1.30.0)" % name, file=sys.stderr)
        if unlabelled:
            failed = True
            pending_out += [json.dumps(c, ensure_ascii=False) for c in unlabelled]
    if pending_out:
        if opts.pending:
            with open(opts.pending, "w") as f:
                f.write("\n".join(pending_out) + "\n")
            print("%d unlabelled candidates written to %s" % (len(pending_out), opts.pending), file=sys.stderr)
        else:
            print("# unlabelled candidates (add \"image\" or \"why\", pass back with --label-file):")
            for l in pending_out:
                print(l)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
