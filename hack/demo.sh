#!/usr/bin/env bash
# Runs the SCIM endpoint on 127.0.0.1 with the in-memory store and a fresh random demo token, until Ctrl-C.
# Writes .sandbox/keys.json (the token's SHA-256 only) and .sandbox/env (SCIM_URL, SCIM_TOKEN; mode 600).
# Ports: SCIM_PORT (default 8080) and SCIM_MANAGEMENT_PORT (default 9090).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${SCIM_PORT:-8080}"
management_port="${SCIM_MANAGEMENT_PORT:-9090}"
sandbox=.sandbox
mkdir -p "$sandbox"
chmod 700 "$sandbox"

dotnet build src/ScimEndpoint -c Release --nologo -v quiet -clp:ErrorsOnly

# 32 random bytes (256 bits) as URL-safe base64 without padding.
token="scimop_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"

umask 077
printf '{"keys":[{"id":"demo","sha256":"%s"}]}\n' "$hash" > "$sandbox/keys.json"
url="http://127.0.0.1:${port}/scim/v2"
printf 'SCIM_URL=%s\nSCIM_TOKEN=%s\n' "$url" "$token" > "$sandbox/env"
chmod 600 "$sandbox/env" "$sandbox/keys.json"

cat <<INFO
SCIM base URL: ${url}
Token:         ${token}
Metrics:       http://127.0.0.1:${management_port}/metrics
Environment:   source ${sandbox}/env

Example:
  curl -H "Authorization: Bearer \$SCIM_TOKEN" "\$SCIM_URL/Users"

Press Ctrl-C to stop.
INFO

export Scim__ListenAddress=127.0.0.1
export Scim__Port="$port"
export Scim__ManagementPort="$management_port"
export Scim__KeySetPath="$PWD/$sandbox/keys.json"
export Scim__Store=InMemory
export Scim__Tenant=demo
exec dotnet src/ScimEndpoint/bin/Release/net10.0/ScimEndpoint.dll
