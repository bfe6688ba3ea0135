{{/* registry/repository[:tag][@digest], as ingress-nginx spells it */}}
{{- define "registry-repo-tag-digest.image" -}}
{{- $image := printf "%s/%s" .registry .repository -}}
{{- if .tag }}{{ $image = printf "%s:%s" $image .tag }}{{ end -}}
{{- if .digest }}{{ $image = printf "%s@%s" $image .digest }}{{ end -}}
{{- $image -}}
{{- end -}}
