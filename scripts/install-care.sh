#!/usr/bin/env bash
# Installs (or updates) the `care` command as a .NET tool from this checkout.
#   scripts/install-care.sh                 # global: ~/.dotnet/tools/care
#   scripts/install-care.sh --tool-path DIR # into DIR instead (put DIR on your PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
where=(--global)
if [[ $# -gt 0 ]]; then
  if [[ "$1" != "--tool-path" || $# -ne 2 ]]; then
    echo "usage: scripts/install-care.sh [--tool-path DIR]" >&2
    exit 2
  fi
  where=(--tool-path "$2")
fi
# Every pack gets its own version: NuGet caches a package by id and version, so re-packing 0.2.0
# would install the cached, older build.
version="0.2.0-dev.$(date -u +%Y%m%d%H%M%S)"
echo "Packing care $version (a Release build: 1-5 minutes on 2 cores)..."
dotnet pack src/Care.Cli -c Release -p:Version="$version" -v quiet -nologo
dotnet tool update "${where[@]}" --add-source artifacts/packages --ignore-failed-sources --version "$version" Care.Cli
if [[ "${where[0]}" == "--global" ]] && ! command -v care >/dev/null 2>&1; then
  echo "care is installed in ~/.dotnet/tools; add it to your PATH: export PATH=\"\$PATH:\$HOME/.dotnet/tools\""
fi
