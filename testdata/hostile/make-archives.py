#!/usr/bin/env python3
"""Writes the hostile packaged charts of archives/ (run from this directory; output is deterministic).

Each is the small chart `web` (a Deployment of nginx:1.27) plus one hostile entry. Archives over the
size limits are made by the tests themselves, at test time.
"""
import gzip
import io
import tarfile

CHART = b"apiVersion: v2\nname: web\nversion: 0.1.0\n"
VALUES = b'image: "nginx:1.27"\n'
DEPLOYMENT = b"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: {{ .Values.image | quote }}
"""


def member(name, data=b"", kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.mtime = 0
    info.mode = 0o644
    return info, (io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def write(path, extra, forged_size=None):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in (
            ("web/Chart.yaml", CHART),
            ("web/values.yaml", VALUES),
            ("web/templates/deployment.yaml", DEPLOYMENT),
        ):
            tar.addfile(*member(name, data))
        for args in extra:
            tar.addfile(*member(*args))
    data = raw.getvalue()
    if forged_size is not None:
        data = forge(data, forged_size)
    with open(path, "wb") as out:
        with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
            gz.write(data)


def forge(data, size):
    """Appends a header that claims `size` bytes and carries almost none (a forged header)."""
    end = len(data)
    while data[end - 512 : end] == bytes(512):
        end -= 512
    info = tarfile.TarInfo("web/templates/huge.yaml")
    info.size = size
    info.mtime = 0
    header = info.tobuf(format=tarfile.USTAR_FORMAT)
    return data[:end] + header + b"x" * 512 + bytes(1024)


write("archives/parent-entry.tgz", [("web/templates/../../../escape.yaml", b"kind: ConfigMap\n")])
write("archives/absolute-entry.tgz", [("/tmp/katafraktos-escape.yaml", b"kind: ConfigMap\n")])
write(
    "archives/link-entry.tgz",
    [
        ("web/templates/passwd.yaml", b"", tarfile.SYMTYPE, "/etc/passwd"),
        ("web/templates/hard.yaml", b"", tarfile.LNKTYPE, "web/Chart.yaml"),
    ],
)
write("archives/oversized-entry.tgz", [("web/files/big.bin", bytes(6 * 1024 * 1024))])
write("archives/forged-size.tgz", [], forged_size=8 * 1024 * 1024 * 1024 - 1)
