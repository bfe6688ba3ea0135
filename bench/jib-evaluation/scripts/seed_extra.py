#!/usr/bin/env python3
"""Push manifests shaped like real Docker Hub / buildx output into an open registry:
an indented v2s2 manifest, an OCI manifest with annotations, an OCI index with platform
variants and annotations (children pushed first).  Usage: seed_extra.py http://127.0.0.1:PORT"""
import hashlib, json, sys, urllib.request

BASE = sys.argv[1]

def sha(b): return "sha256:" + hashlib.sha256(b).hexdigest()

def req(method, url, body=None, headers=None):
    r = urllib.request.Request(url if url.startswith("http") else BASE + url, data=body, method=method,
                               headers=headers or {})
    with urllib.request.urlopen(r) as resp:
        return resp.status, resp.headers

def blob(repo, data):
    d = sha(data)
    _, h = req("POST", f"/v2/{repo}/blobs/uploads/")
    loc = h["Location"]
    loc = loc if loc.startswith("http") else BASE + loc
    req("PUT", loc + ("&" if "?" in loc else "?") + "digest=" + d, data,
        {"Content-Type": "application/octet-stream"})
    return {"size": len(data), "digest": d}

def manifest(repo, ref, media, data):
    req("PUT", f"/v2/{repo}/manifests/{ref}", data, {"Content-Type": media})
    print(repo, ref, sha(data), media, len(data), "bytes")
    return {"mediaType": media, "size": len(data), "digest": sha(data)}

def image(repo, text, oci, indent=None, annotations=None):
    cfg = json.dumps({"architecture": "arm", "os": "linux", "variant": "v7",
                      "rootfs": {"type": "layers", "diff_ids": [sha(text.encode())]}}).encode()
    layer = text.encode()  # contents do not matter for a copy
    c, l = blob(repo, cfg), blob(repo, layer)
    if oci:
        m = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
             "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **c},
             "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", **l,
                         "annotations": {"org.opencontainers.image.title": "layer.tar.gz"}}]}
        if annotations:
            m["annotations"] = annotations
        media = m["mediaType"]
    else:
        m = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
             "config": {"mediaType": "application/vnd.docker.container.image.v1+json", **c},
             "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", **l}]}
        media = m["mediaType"]
    return media, json.dumps(m, indent=indent).encode()

# 1. Docker Hub style: v2s2 indented with 3 spaces
media, data = image("hub/indented", "indented v2s2", oci=False, indent=3)
manifest("hub/indented", "1", media, data)
# 2. OCI manifest with manifest-level annotations (compact)
media, data = image("hub/annotated", "annotated oci", oci=True,
                    annotations={"org.opencontainers.image.created": "2026-01-01T00:00:00Z"})
manifest("hub/annotated", "1", media, data)
# 3. OCI index: arm/v6 + arm/v7 (variant), index annotations; children first
repo = "hub/variants"
kids = []
for v in ("v6", "v7"):
    media, data = image(repo, "variant " + v, oci=True)
    d = manifest(repo, "child-" + v, media, data)
    d["platform"] = {"architecture": "arm", "os": "linux", "variant": v}
    kids.append(d)
idx = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": kids,
       "annotations": {"org.opencontainers.image.source": "https://example.org/src"}}
manifest(repo, "1", idx["mediaType"], json.dumps(idx, indent=2).encode())
