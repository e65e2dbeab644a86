#!/usr/bin/env bash
# Issue 12, item 6: the three-silo kill test (ThreeSiloKillTests), opt-in because it starts four
# Hermes processes and takes minutes on a loaded two-core machine.
#
#   scripts/cluster-kill.sh
#
# Starts this worktree's throwaway PostgreSQL (scripts/postgres.sh), builds care and the cluster tests,
# and runs the test with CARE_CLUSTER_KILL=1. Its diagnostic lines (what was killed when, how many
# uploads were answered as stored before) are printed; on failure, each silo's last log lines too.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
scripts/postgres.sh start >/dev/null
eval "$(scripts/postgres.sh env)"
dotnet build src/Care.Cli -v q -nologo
dotnet build tests/Care.Hermes.Cluster.Tests -v q -nologo
CARE_CLUSTER_KILL=1 dotnet test tests/Care.Hermes.Cluster.Tests --no-build \
    --filter "FullyQualifiedName~ThreeSiloKillTests" --logger "console;verbosity=detailed"
