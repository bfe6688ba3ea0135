{{/*
The CronJob's apiVersion the way Bitnami's common.capabilities.cronjob.apiVersion chooses it:
batch/v1beta1 before 1.21, batch/v1 from 1.21 on. The "-0" lets pre-release versions
(v1.21.0-eks-...) compare as 1.21.
*/}}
{{- define "upgrade-story.cronjob.apiVersion" -}}
{{- if semverCompare "<1.21-0" .Capabilities.KubeVersion.Version -}}
batch/v1beta1
{{- else -}}
batch/v1
{{- end -}}
{{- end -}}

{{/*
The scheduler image for the cluster's minor version: the entry of .Values.scheduler.images whose
key is the highest minor not above the cluster's (some providers report a minor like "21+").
*/}}
{{- define "upgrade-story.scheduler.image" -}}
{{- $minor := .Capabilities.KubeVersion.Minor | trimSuffix "+" | int -}}
{{- $key := "" -}}
{{- range $k, $image := .Values.scheduler.images -}}
{{- if and (le (int $k) $minor) (or (eq $key "") (gt (int $k) (int $key))) -}}
{{- $key = $k -}}
{{- end -}}
{{- end -}}
{{- required (printf "no scheduler image for Kubernetes minor %d" $minor) (get .Values.scheduler.images $key) -}}
{{- end -}}
