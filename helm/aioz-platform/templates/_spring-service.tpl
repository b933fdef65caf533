{{/*
One Spring Boot service: ConfigMap, Deployment, Service and optional PodDisruptionBudget and
HorizontalPodAutoscaler. Call with a dict:
  root         the chart root ($)
  component    resource suffix and app.kubernetes.io/name, e.g. "ledger-service"
  values       the service's values block
  kafka        true when the service talks to Kafka
  env          computed plain settings (map), overridden by values.env
  lockedEnv    plain settings (map) that values.env cannot override (safety switches)
  databaseEnv  names of the URL, username and password variables of the values block's
               `database` (dict "url" .. "username" .. "password" ..); default SPRING_DATASOURCE_*
  identityKeys list of (dict "env" NAME "key" SECRET_KEY) read from the identity Secret
  secretEnv    list of (dict "env" NAME "secret" SECRET_NAME "key" SECRET_KEY), each one secretKeyRef
  secretEnvFrom list of Secret names whose every key becomes an environment variable
  recreate     true for a single writer: rollouts stop the old pod before the new one starts
The values block may set extraJavaToolOptions, appended to the chart-wide javaToolOptions, and
jdbcParameters, appended to postgresql.jdbcParameters in its database URL.
*/}}

{{/* Names of the datasource variables of one service call (see above). */}}
{{- define "aioz.springService.databaseEnv" -}}
{{- $names := dict "url" "SPRING_DATASOURCE_URL" "username" "SPRING_DATASOURCE_USERNAME" "password" "SPRING_DATASOURCE_PASSWORD" -}}
{{- toYaml (merge (dict) (default (dict) .databaseEnv) $names) -}}
{{- end -}}
{{- define "aioz.springService.config" -}}
{{- $root := .root -}}
{{- $v := .values -}}
{{- $javaToolOptions := trim (printf "%s %s" $root.Values.javaToolOptions (default "" $v.extraJavaToolOptions)) -}}
{{- $fixed := dict "SERVER_PORT" (toString $v.port) "JAVA_TOOL_OPTIONS" $javaToolOptions "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED" "true" "SPRING_PROFILES_ACTIVE" $root.Values.springProfiles -}}
{{- if .kafka -}}
{{- $_ := set $fixed "SPRING_KAFKA_BOOTSTRAP_SERVERS" (include "aioz.kafka.bootstrapServers" $root) -}}
{{- end -}}
{{- if $v.database -}}
{{- $dbEnv := include "aioz.springService.databaseEnv" . | fromYaml -}}
{{- $_ := set $fixed $dbEnv.url (include "aioz.postgresql.jdbcUrl" (dict "root" $root "database" $v.database "parameters" $v.jdbcParameters)) -}}
{{- end -}}
{{- /* merge keeps the first value of a key: locked, then values.env, then computed, then fixed. */ -}}
{{- $all := merge (dict) (default (dict) .lockedEnv) (default (dict) $v.env) (default (dict) .env) $fixed -}}
{{- range $key, $value := $all }}
{{ $key }}: {{ toString $value | quote }}
{{- end }}
{{- end -}}

{{- define "aioz.springService" -}}
{{- $root := .root -}}
{{- $v := .values -}}
{{- $name := include "aioz.componentName" (dict "root" $root "component" .component) -}}
{{- $ctx := dict "root" $root "component" .component -}}
{{- $config := include "aioz.springService.config" . -}}
{{- $service := default (dict) $v.service -}}
{{- $dbEnv := include "aioz.springService.databaseEnv" . | fromYaml -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "aioz.labels" $ctx | nindent 4 }}
data:
  {{- $config | trim | nindent 2 }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "aioz.labels" $ctx | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  revisionHistoryLimit: 3
  strategy:
    {{- if .recreate }}
    # One writer: an old and a new pod must never run (and sign) at the same time.
    type: Recreate
    {{- else }}
    type: RollingUpdate
    rollingUpdate:
      # Keep full capacity during a rollout: a new pod must be ready before an old one goes.
      maxUnavailable: 0
      maxSurge: 1
    {{- end }}
  selector:
    matchLabels:
      {{- include "aioz.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "aioz.labels" $ctx | nindent 8 }}
      annotations:
        # Settings come from the ConfigMap as environment: roll the pods when it changes.
        checksum/config: {{ $config | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      automountServiceAccountToken: false
      # Service links would add *_PORT variables that Spring's relaxed binding could pick up.
      enableServiceLinks: false
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds | default 30 }}
      containers:
        - name: {{ .component }}
          image: {{ include "aioz.image" (dict "root" $root "image" $v.image) | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy | default "IfNotPresent" }}
          ports:
            - name: http
              containerPort: {{ $v.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ $name }}
            {{- range .secretEnvFrom }}
            - secretRef:
                name: {{ . }}
            {{- end }}
          env:
            {{- if $v.database }}
            - name: {{ $dbEnv.username }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "aioz.postgresql.secretName" $root }}
                  key: {{ $root.Values.postgresql.auth.secretKeys.username }}
            - name: {{ $dbEnv.password }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "aioz.postgresql.secretName" $root }}
                  key: {{ $root.Values.postgresql.auth.secretKeys.password }}
            {{- end }}
            {{- range .identityKeys }}
            - name: {{ .env }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "aioz.identity.secretName" $root }}
                  key: {{ .key }}
            {{- end }}
            {{- range .secretEnv }}
            - name: {{ .env }}
              valueFrom:
                secretKeyRef:
                  name: {{ .secret }}
                  key: {{ .key }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          # Startup gets its own budget so a slow JVM start (Flyway, cold CPU) is not killed by liveness.
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: 5
            failureThreshold: {{ $v.startupFailureThreshold | default 36 }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            # The root filesystem is read-only; the JVM and Tomcat need a writable /tmp.
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      topologySpreadConstraints:
        # Spread replicas over nodes when possible, without blocking scheduling on small clusters.
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "aioz.selectorLabels" $ctx | nindent 14 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "aioz.labels" $ctx | nindent 4 }}
  {{- with $service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $service.type | default "ClusterIP" }}
  selector:
    {{- include "aioz.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.port }}
      targetPort: http
      protocol: TCP
{{- if $v.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "aioz.labels" $ctx | nindent 4 }}
spec:
  {{- if $v.podDisruptionBudget.minAvailable }}
  minAvailable: {{ $v.podDisruptionBudget.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $v.podDisruptionBudget.maxUnavailable | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "aioz.selectorLabels" $ctx | nindent 6 }}
{{- end }}
{{- if $v.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "aioz.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $v.autoscaling.minReplicas }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $v.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}
