{{/*
The operator's rules, for the ClusterRole (all namespaces) or each watched namespace's Role. Plain YAML on purpose:
Deployment.Tests reads this block and checks it equals config/rbac/role.yaml. See that file for why each is needed.
*/}}
{{- define "scim-operator.rules" -}}
- apiGroups: [scim.operator.dev]
  resources: [scimtenants, scimkeys]
  verbs: [get, list, watch, patch]
- apiGroups: [scim.operator.dev]
  resources: [scimtenants/status, scimkeys/status]
  verbs: [update]
# Held only to grant it: each endpoint's Role lets it merge-patch its tenant's and its keys' status and read its
# tenant's status first, and RBAC lets the operator grant only what it holds. The operator itself never patches a
# status nor reads the status subresource.
- apiGroups: [scim.operator.dev]
  resources: [scimtenants/status, scimkeys/status]
  verbs: [patch]
- apiGroups: [scim.operator.dev]
  resources: [scimtenants/status]
  verbs: [get]
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch, create, update]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [""]
  resources: [serviceaccounts, configmaps, services]
  verbs: [get, list, watch, create, patch]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [get, list, watch, create, patch]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, watch, create, patch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [policy]
  resources: [poddisruptionbudgets]
  verbs: [get, list, watch, create, patch, delete]
{{- end -}}

{{/* The leader-election Role's rules (Leases in the release namespace). Plain YAML, read by the same test. */}}
{{- define "scim-operator.leaderElectionRules" -}}
- apiGroups: [coordination.k8s.io]
  resources: [leases]
  verbs: [get, create, update]
{{- end -}}
