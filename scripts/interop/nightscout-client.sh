#!/usr/bin/env bash
# Runs a real Nightscout client (npm nightscout-connect 0.0.12) against `care serve`.
# Usage: scripts/interop/nightscout-client.sh CARE_COMMAND... (e.g. dotnet /tmp/bin/care.dll)
# Needs node and npm; installs nightscout-connect into a temporary folder.
set -euo pipefail
CARE=("$@"); [ ${#CARE[@]} -gt 0 ] || CARE=(care)
WORK=$(mktemp -d); trap 'kill $SERVE 2>/dev/null || true; rm -rf "$WORK"' EXIT
(cd "$WORK" && npm install --silent --no-audit --no-fund nightscout-connect@0.0.12 > /dev/null)
export CARE_DB=$WORK/care.db PORT=${PORT:-5097}
"${CARE[@]}" token create --role admin --expires-in 1h --label ns-client > /dev/null   # creates the database
W=W-nightscout-1
export CARE_NIGHTSCOUT_SECRET=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
"${CARE[@]}" nightscout secret --wearer $W --expires-in 1d > /dev/null
export CARE_TOKEN=$("${CARE[@]}" token create --role clinician --wearers $W --expires-in 1h --label ns-client | awk '{print $NF}')
"${CARE[@]}" serve --urls http://127.0.0.1:$PORT --model none > "$WORK/serve.log" 2>&1 &
SERVE=$!
for i in $(seq 90); do curl -sf http://127.0.0.1:$PORT/readyz > /dev/null && break; sleep 1; done
NS_SITE=http://127.0.0.1:$PORT/nightscout/$W NS_SECRET=$CARE_NIGHTSCOUT_SECRET NODE_PATH=$WORK/node_modules \
  node "$(dirname "$0")/nightscout-connect-drive.js"
