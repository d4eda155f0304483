#!/usr/bin/env bash
# make demo: the whole system on this machine, with no cluster and no ZITADEL (tests/Sandbox):
#   - the Kubernetes API emulator (kubectl works against it) and the ZITADEL emulator (a demo organisation "Demo",
#     project "Demo App", Entra IDP "Entra ID");
#   - the operator;
#   - a local kubelet that starts the SCIM endpoint for each Deployment the operator creates, with exactly the
#     config and Secrets the Pod would get, and sets the Deployment's status.
# It applies config/samples (a ScimTenant pointed at the emulated ZITADEL and a ScimKey), waits for Ready, writes
# .sandbox/env (KUBECONFIG, SCIM_URL, SCIM_TOKEN, ZITADEL_URL, ZITADEL_PAT, ZITADEL_ORG_ID; mode 600) and runs
# until Ctrl-C. Ports: SCIM_PORT (default 8080), ZITADEL_PORT (8090), KUBERNETES_PORT (6443).
set -euo pipefail
cd "$(dirname "$0")/.."

scim_port="${SCIM_PORT:-8080}"
zitadel_port="${ZITADEL_PORT:-8090}"
kubernetes_port="${KUBERNETES_PORT:-6443}"
sandbox=.sandbox
umask 077

fail() {
  echo "demo: $*" >&2
  exit 1
}

# A port answers on 127.0.0.1: something else is there (checked up front so we fail with a message, not a hang).
for p in "$scim_port" "$zitadel_port" "$kubernetes_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p on 127.0.0.1 is already in use; stop what listens there or set SCIM_PORT, ZITADEL_PORT or KUBERNETES_PORT"
  fi
done

rm -rf "$sandbox"
mkdir -p "$sandbox"
chmod 700 "$sandbox"
dotnet build tests/Sandbox -c Release --nologo -v quiet -clp:ErrorsOnly
# exec: Ctrl-C and SIGTERM reach the sandbox, which stops the endpoints, the operator and both emulators.
exec dotnet tests/Sandbox/bin/Release/net10.0/Sandbox.dll --dir "$sandbox" \
  --scim-port "$scim_port" --zitadel-port "$zitadel_port" --kubernetes-port "$kubernetes_port"
