#!/usr/bin/env bash
# Runs the SCIM endpoint on 127.0.0.1 against the ZITADEL emulator (seeded with a demo tenant: org "Demo", project
# "Demo App", IDP "Entra ID", SCIM machine user "scim-endpoint") with a fresh random demo token, until Ctrl-C.
# Ctrl-C, or either process failing, stops both.
# Writes .sandbox/keys.json (the token's SHA-256 only), .sandbox/zitadel.env (what the emulator wrote) and
# .sandbox/env (SCIM_URL, SCIM_TOKEN, ZITADEL_URL, ZITADEL_PAT = the admin PAT, ZITADEL_ORG_ID = the demo org;
# mode 600).
# Ports: SCIM_PORT (default 8080), SCIM_MANAGEMENT_PORT (default 9090) and ZITADEL_PORT (default 8090).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${SCIM_PORT:-8080}"
management_port="${SCIM_MANAGEMENT_PORT:-9090}"
zitadel_port="${ZITADEL_PORT:-8090}"
sandbox=.sandbox
umask 077
mkdir -p "$sandbox"
chmod 700 "$sandbox"

fail() {
  echo "demo: $*" >&2
  exit 1
}

# A port answers on 127.0.0.1: something else is there (checked up front so we fail with a message, not a hang).
for p in "$port" "$management_port" "$zitadel_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p on 127.0.0.1 is already in use; stop what listens there or set SCIM_PORT," \
      "SCIM_MANAGEMENT_PORT or ZITADEL_PORT"
  fi
done

dotnet build src/ScimEndpoint -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build tests/Emulators/Zitadel -c Release --nologo -v quiet -clp:ErrorsOnly

# Both processes are stopped on any exit: Ctrl-C, kill, an error or one of them ending.
pids=()
stop() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until a started process answers on a URL; fails with its log if it exits or takes over a minute.
wait_until_answers() {
  local name=$1 pid=$2 url=$3 log=$4
  for _ in $(seq 300); do
    if curl -fs -o /dev/null --max-time 2 "$url"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      [ -s "$log" ] && tail -n 20 "$log" >&2
      fail "the $name exited before it answered on $url"
    fi
    sleep 0.2
  done
  fail "the $name did not answer on $url within a minute"
}

zitadel_env="$sandbox/zitadel.env"
zitadel_log="$sandbox/zitadel.log"
rm -f "$zitadel_env"
dotnet tests/Emulators/Zitadel/bin/Release/net10.0/ZitadelEmulator.dll \
  --port "$zitadel_port" --demo-tenant --write-env "$zitadel_env" > "$zitadel_log" 2>&1 &
pids+=("$!")
wait_until_answers "ZITADEL emulator" "${pids[0]}" \
  "http://127.0.0.1:${zitadel_port}/.well-known/openid-configuration" "$zitadel_log"
# The env file is written right after the emulator starts listening; wait for all six lines.
for _ in $(seq 50); do
  [ -f "$zitadel_env" ] && [ "$(wc -l < "$zitadel_env")" -ge 6 ] && break
  sleep 0.1
done
grep -q '^ZITADEL_SCIM_PAT=' "$zitadel_env" 2>/dev/null || fail "the ZITADEL emulator wrote no $zitadel_env"
# shellcheck source=/dev/null
. "$zitadel_env"

# 32 random bytes (256 bits) as URL-safe base64 without padding.
token="scimop_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"

printf '{"keys":[{"id":"demo","sha256":"%s"}]}\n' "$hash" > "$sandbox/keys.json"
url="http://127.0.0.1:${port}/scim/v2"
printf 'SCIM_URL=%s\nSCIM_TOKEN=%s\nZITADEL_URL=%s\nZITADEL_PAT=%s\nZITADEL_ORG_ID=%s\n' \
  "$url" "$token" "$ZITADEL_URL" "$ZITADEL_PAT" "$ZITADEL_ORG_ID" > "$sandbox/env"
chmod 600 "$sandbox/env" "$sandbox/keys.json" "$zitadel_env" "$zitadel_log"

export Scim__ListenAddress=127.0.0.1
export Scim__Port="$port"
export Scim__ManagementPort="$management_port"
export Scim__KeySetPath="$PWD/$sandbox/keys.json"
export Scim__Tenant=demo
export Scim__Store=Zitadel
export Scim__Zitadel__Url="$ZITADEL_URL"
export Scim__Zitadel__OrganizationId="$ZITADEL_ORG_ID"
export Scim__Zitadel__ProjectId="$ZITADEL_PROJECT_ID"
export Scim__Zitadel__IdpId="$ZITADEL_IDP_ID"
export Scim__Zitadel__PersonalAccessToken="$ZITADEL_SCIM_PAT"
# The endpoint logs to this terminal.
dotnet src/ScimEndpoint/bin/Release/net10.0/ScimEndpoint.dll &
pids+=("$!")
wait_until_answers "SCIM endpoint" "${pids[1]}" "http://127.0.0.1:${management_port}/readyz" /dev/null

cat <<INFO

SCIM base URL: ${url}
Token:         ${token}
Metrics:       http://127.0.0.1:${management_port}/metrics
ZITADEL:       ${ZITADEL_URL} (emulator; demo org ${ZITADEL_ORG_ID}, project ${ZITADEL_PROJECT_ID})
Environment:   source ${sandbox}/env   (SCIM_URL, SCIM_TOKEN, ZITADEL_URL, ZITADEL_PAT = admin, ZITADEL_ORG_ID)

Examples (after . ${sandbox}/env):
  # create a user via SCIM
  curl -H "Authorization: Bearer \$SCIM_TOKEN" -H 'Content-Type: application/scim+json' \\
    -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com","name":{"givenName":"Alice","familyName":"Example"}}' \\
    "\$SCIM_URL/Users"
  # list it in ZITADEL
  curl -H "Authorization: Bearer \$ZITADEL_PAT" -H 'Content-Type: application/json' \\
    -d '{"queries":[{"organizationIdQuery":{"organizationId":"'\$ZITADEL_ORG_ID'"}}]}' \\
    \$ZITADEL_URL/zitadel.user.v2.UserService/ListUsers

Press Ctrl-C to stop both.
INFO

# Runs until Ctrl-C (the trap) or until either process ends, which stops the other.
set +e
wait -n "${pids[@]}"
status=$?
set -e
fail "a process ended (status $status); stopping the other"
