{{/* Name used in the app.kubernetes.io/name label (and as the Prometheus job name, see servicemonitor.yaml). */}}
{{- define "deploycheck.name" -}}
{{- default "deploycheck" .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of every object: the release name when it already says deploycheck, so `helm install deploycheck`
gives objects named deploycheck rather than deploycheck-deploycheck-operator. */}}
{{- define "deploycheck.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains "deploycheck" .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-deploycheck" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "deploycheck.selectorLabels" -}}
app.kubernetes.io/name: {{ include "deploycheck.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "deploycheck.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "deploycheck.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: deploycheck
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "deploycheck.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "deploycheck.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "deploycheck.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* What the operator does in each watched namespace (cluster-wide: everywhere). Exactly these; no wildcards,
no Secrets, no pods/exec. Events are written on DeployChecks and InferenceServices; a repeat updates the count of
the Event written before, and reads it first only when that record is stale (after a restart, or a conflict). The list is derived from the calls the operator makes: src/test/resources/operator/api-calls.txt. */}}
{{- define "deploycheck.watchRules" -}}
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch]
- apiGroups: [""]
  resources: [events]
  verbs: [get, list, watch, create, update]
- apiGroups: [serving.kserve.io]
  resources: [inferenceservices]
  verbs: [list, watch]
- apiGroups: [deploycheck.io]
  resources: [deploychecks]
  verbs: [list, watch]
- apiGroups: [deploycheck.io]
  resources: [deploychecks/status]
  verbs: [patch]
{{- end }}

{{/* CustomResourceDefinitions are cluster-scoped: reading KServe's (to tell "KServe is not installed") always needs
a ClusterRole, even when the operator watches only some namespaces. Only that one, by name: the operator's list and
watch carry the field selector metadata.name, which is what lets RBAC's resourceNames apply to them. */}}
{{- define "deploycheck.crdRules" -}}
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  resourceNames: [inferenceservices.serving.kserve.io]
  verbs: [list, watch]
{{- end }}

{{- define "deploycheck.subjects" -}}
- kind: ServiceAccount
  name: {{ include "deploycheck.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end }}
