{{- define "split-image-fields.image" -}}
{{ .repository }}/{{ .image }}:{{ .version }}
{{- end }}
