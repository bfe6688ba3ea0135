#!/bin/sh
# reglog.sh LOG FROM_LINE: method, uri (upload state elided), status of each completed request
tail -n +"$2" "$1" | grep 'msg="response completed"' | python3 -c '
import re,sys
for l in sys.stdin:
    f=dict(re.findall(r"([\w.]+)=(\"[^\"]*\"|\S+)",l))
    u=f.get("http.request.uri","").strip("\"")
    u=re.sub(r"_state=[^&]*","_state=…",u)
    print(f.get("http.request.method"),u,f.get("http.response.status"),f.get("http.request.useragent","").strip("\"").split()[0])'
