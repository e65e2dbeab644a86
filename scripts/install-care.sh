#!/usr/bin/env bash
# Installs (or updates) the `care` command as a .NET tool from this checkout.
#   scripts/install-care.sh                 # global: ~/.dotnet/tools/care
#   scripts/install-care.sh --tool-path DIR # into DIR instead (no PATH change needed beyond DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
where=(--global)
if [[ "${1:-}" == "--tool-path" ]]; then
  where=(--tool-path "${2:?--tool-path needs a folder}")
fi
dotnet pack src/Care.Cli -c Release -v quiet -nologo
# `update` installs the tool when it is missing and replaces an older build when it is not.
dotnet tool update "${where[@]}" --add-source artifacts/packages --ignore-failed-sources Care.Cli
if [[ "${where[0]}" == "--global" ]] && ! command -v care >/dev/null 2>&1; then
  echo "care is installed in ~/.dotnet/tools; add it to your PATH: export PATH=\"\$PATH:\$HOME/.dotnet/tools\""
fi
