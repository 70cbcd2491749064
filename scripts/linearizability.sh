#!/usr/bin/env bash
# The long form of LinearizabilityIT (issue 25): 8 clients on 5 persistent instances through a 3-node cluster of
# java -jar processes, with no faults, with kill -9 of a random node every period and with a random node cut off every
# period; each history is checked for linearizability (a register per instance). Needs root and iptables, as CI has.
#   scripts/linearizability.sh [extra maven args, e.g. -Dit.test='LinearizabilityIT#with*Killed*' -Dlin.seed=42]
#   (-Dlin.nodes=leader sends every op to the Raft leader only: tells Raft's own soundness from what followers serve)
# Knobs (env): LIN_SECONDS load per run (60), LIN_PERIOD fault period in seconds (15), LIN_RUNS runs per mode (3),
#              LIN_CLIENTS (8). Histories: target/linearizability/<mode>-<run>.txt; a failure prints the smallest
#              window of ops (invoke/return times since the run's start, node, values) that has no linearization.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B verify -pl :beacon -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LinearizabilityIT \
  -Dlin.seconds="${LIN_SECONDS:-60}" -Dlin.period="${LIN_PERIOD:-15}" -Dlin.runs="${LIN_RUNS:-3}" \
  -Dlin.clients="${LIN_CLIENTS:-8}" "$@"
