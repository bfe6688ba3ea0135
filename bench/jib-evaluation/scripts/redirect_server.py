#!/usr/bin/env python3
"""Two tiny HTTP servers that log each request's Authorization header.
Port A answers /v2/r/blobs/<good> with 307 to port B (another host:port), /v2/r/blobs/<same> with
307 to port A itself, and /v2/r/blobs/<bad> with bytes that do not match <bad>.
Usage: redirect_server.py PORT_A PORT_B  (prints the digests it serves)"""
import hashlib, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

A, B = int(sys.argv[1]), int(sys.argv[2])
GOOD = b"the real blob\n"
DG = "sha256:" + hashlib.sha256(GOOD).hexdigest()
DBAD = "sha256:" + hashlib.sha256(b"what the digest promises").hexdigest()
DSAME = "sha256:" + "0" * 64
print("good", DG, "bad", DBAD, "same-host", DSAME, flush=True)

def handler(port):
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a): pass
        def send(self, code, body=b"", headers=()):
            self.send_response(code)
            for k, v in headers: self.send_header(k, v)
            self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
        def do_GET(self):
            print(f"port {port} {'A' if port == A else 'B'}: GET {self.path} Authorization={self.headers.get('Authorization')!r}", flush=True)
            p = self.path
            if p == "/v2/": return self.send(200, b"{}")
            if p.endswith(DG) and port == A: return self.send(307, headers=[("Location", f"http://127.0.0.1:{B}/cdn/{DG}")])
            if p.endswith(DSAME): return self.send(307, headers=[("Location", f"http://127.0.0.1:{A}/cdn/{DG}")])
            if p.endswith(DBAD): return self.send(200, b"tampered bytes, not what the digest says" * 1000)
            if p.startswith("/cdn/"): return self.send(200, GOOD)
            self.send(404)
    return H

for port in (A, B):
    s = ThreadingHTTPServer(("127.0.0.1", port), handler(port))
    threading.Thread(target=s.serve_forever, daemon=True).start()
threading.Event().wait()
