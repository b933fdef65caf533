{{/*
Shared naming, labels, images and endpoints. Every service template calls these, so a new
service only adds its own template file and values block.
*/}}

{{/* Chart label value: name-version, cut to the 63-character label limit. */}}
{{- define "aioz.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Name of a component's resources: <prefix>-<component>, where the prefix is fullnameOverride or the
release name; cut to 63 characters because Services and labels must be DNS labels.
Call with (dict "root" $ "component" "ledger-service").
*/}}
{{- define "aioz.componentName" -}}
{{- $prefix := default .root.Release.Name .root.Values.fullnameOverride -}}
{{- printf "%s-%s" $prefix .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select a component's pods; never change them on upgrade (selectors are immutable). */}}
{{- define "aioz.selectorLabels" -}}
app.kubernetes.io/name: {{ .component | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .root.Release.Name | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* Recommended app.kubernetes.io labels of a component, plus commonLabels. */}}
{{- define "aioz.labels" -}}
helm.sh/chart: {{ include "aioz.chart" .root }}
{{ include "aioz.selectorLabels" . }}
app.kubernetes.io/component: {{ .component | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/part-of: aioz-platform
app.kubernetes.io/version: {{ .root.Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Full image reference; the tag defaults to the chart's appVersion. Call with (dict "root" $ "image" .image). */}}
{{- define "aioz.image" -}}
{{- $tag := default .root.Chart.AppVersion .image.tag -}}
{{- $registry := default .root.Values.global.imageRegistry .image.registry -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Kafka bootstrap servers: the in-chart broker when enabled, else the external ones. */}}
{{- define "aioz.kafka.bootstrapServers" -}}
{{- if .Values.kafka.internal.enabled -}}
{{- printf "%s.%s.svc:9092" (include "aioz.componentName" (dict "root" . "component" "kafka")) .Release.Namespace -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required when kafka.internal.enabled is false" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* PostgreSQL host: the in-chart server when enabled, else the external one. */}}
{{- define "aioz.postgresql.host" -}}
{{- if .Values.postgresql.internal.enabled -}}
{{- printf "%s.%s.svc" (include "aioz.componentName" (dict "root" . "component" "postgresql")) .Release.Namespace -}}
{{- else -}}
{{- required "postgresql.host is required when postgresql.internal.enabled is false" .Values.postgresql.host -}}
{{- end -}}
{{- end -}}

{{/*
JDBC URL of one service's database: postgresql.jdbcParameters, then the service's own parameters.
Call with (dict "root" $ "database" "ledger"), optionally "parameters" "reWriteBatchedInserts=true".
*/}}
{{- define "aioz.postgresql.jdbcUrl" -}}
{{- $pg := .root.Values.postgresql -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" (include "aioz.postgresql.host" .root) $pg.port .database -}}
{{- $parameters := compact (list $pg.jdbcParameters .parameters) -}}
{{- if $parameters -}}
{{- printf "%s?%s" $url (join "&" $parameters) -}}
{{- else -}}
{{- $url -}}
{{- end -}}
{{- end -}}

{{/* Secret holding the PostgreSQL username and password. */}}
{{- define "aioz.postgresql.secretName" -}}
{{- default (include "aioz.componentName" (dict "root" . "component" "postgresql-credentials")) .Values.postgresql.auth.secretName -}}
{{- end -}}

{{/* Secret holding the internal identity token keys (PEM). */}}
{{- define "aioz.identity.secretName" -}}
{{- default (include "aioz.componentName" (dict "root" . "component" "identity")) .Values.identity.secretName -}}
{{- end -}}

{{/* Name of the Secret with storage-service's master keys and access keys. */}}
{{- define "aioz.storage.secretName" -}}
{{- default (include "aioz.componentName" (dict "root" . "component" "storage-secrets")) .Values.storageService.secret.name -}}
{{- end -}}

{{/*
Name of the Secret with identity-service's JWT signing key and S3 master key. Not "identity-...":
cut to 63 characters under a long release name, that would become <prefix>-identity, the name of
the internal-token key Secret.
*/}}
{{- define "aioz.identityService.secretName" -}}
{{- default (include "aioz.componentName" (dict "root" . "component" "tenant-auth-keys")) .Values.identityService.secret.name -}}
{{- end -}}

{{- define "aioz.webhookService.secretName" -}}
{{- default (include "aioz.componentName" (dict "root" . "component" "webhook-secrets-key")) .Values.webhookService.secret.name -}}
{{- end -}}

{{/*
Databases to create in the in-chart PostgreSQL: one per enabled values block that names a
`database`, so a new service gets its database by declaring it.
*/}}
{{- define "aioz.postgresql.databases" -}}
{{- $dbs := list -}}
{{- range $key, $block := .Values -}}
{{- if and (kindIs "map" $block) (hasKey $block "database") -}}
{{- if and $block.enabled $block.database -}}
{{- $dbs = append $dbs $block.database -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $dbs | uniq | sortAlpha | join " " -}}
{{- end -}}

{{/* Secret holding chain-adapter's committer key (the private key that signs settlement transactions). */}}
{{- define "aioz.chainAdapter.secretName" -}}
{{- default (include "aioz.componentName" (dict "root" . "component" "chain-committer-key")) .Values.chainAdapter.committerKeySecret.name -}}
{{- end -}}

{{/*
A wei amount of chainAdapter as decimal digits: values may give a string or a number (Helm reads
numbers as floats, which print as 5e+11). Call with (dict "value" .. "name" "chainAdapter.fees...").
*/}}
{{- define "aioz.chainAdapter.wei" -}}
{{- $wei := kindIs "string" .value | ternary .value (toString (int64 .value)) -}}
{{- if not (regexMatch "^[0-9]+$" $wei) -}}
{{- fail (printf "%s must be a whole number of wei" .name) -}}
{{- end -}}
{{- $wei -}}
{{- end -}}
