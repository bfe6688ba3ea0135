{{/*
Bitnami's common.images.image: global.imageRegistry wins over imageRoot.registry; a digest wins
over the tag. Usage: include "global-image-registry.image" (dict "imageRoot" .Values.image "global" .Values.global)
*/}}
{{- define "global-image-registry.image" -}}
{{- $registry := .imageRoot.registry -}}
{{- if and .global .global.imageRegistry -}}
{{- $registry = .global.imageRegistry -}}
{{- end -}}
{{- $separator := ":" -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if .imageRoot.digest -}}
{{- $separator = "@" -}}
{{- $termination = .imageRoot.digest | toString -}}
{{- end -}}
{{- if $registry -}}
{{- printf "%s/%s%s%s" $registry .imageRoot.repository $separator $termination -}}
{{- else -}}
{{- printf "%s%s%s" .imageRoot.repository $separator $termination -}}
{{- end -}}
{{- end -}}
