#!/usr/bin/env bash
# Runs the docker-compose.yml cluster as three plain JVMs on loopback: each node gets exactly the environment
# its compose service declares, evaluated with loopback addresses and distinct ports instead of container names.
#   scripts/local-cluster.sh start|stop|status
# Knobs (env): BEACON_JAR (target/beacon.jar), CLUSTER_DIR (./data/local-cluster), HTTP_BASE (8848),
#              HZ_BASE (5701), BUS_BASE (5710), RAFT_BASE (7848), READY_TIMEOUT seconds (90), JAVA_OPTS.
# Any other BEACON_* variable set here reaches all three nodes (e.g. BEACON_LOG_LEVEL=DEBUG).
# Per node in CLUSTER_DIR: nodeN.log, nodeN.pid (the JVM), nodeN.exit (its exit code once it ended; 0 = clean stop).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
compose="$root/docker-compose.yml"
jar="${BEACON_JAR:-$root/target/beacon.jar}"
dir="${CLUSTER_DIR:-$root/data/local-cluster}"
nodes=(1 2 3)

# Loopback values for the ${BEACONn_*} variables the compose file uses.
for i in "${nodes[@]}"; do
  export "BEACON${i}_BIND=127.0.0.1" "BEACON${i}_ADDR=127.0.0.1"
  export "BEACON${i}_PORT=$(( ${HTTP_BASE:-8848} + i - 1 ))" "BEACON${i}_HZ_PORT=$(( ${HZ_BASE:-5701} + i - 1 ))"
  export "BEACON${i}_BUS_PORT=$(( ${BUS_BASE:-5710} + i - 1 ))" "BEACON${i}_RAFT_PORT=$(( ${RAFT_BASE:-7848} + i - 1 ))"
  export "BEACON${i}_DATA=$dir/node$i"
done

# The KEY: "value" lines of one service's environment block in the compose file.
service_env() {
  awk -v svc="  beacon$1:" '
    $0 == svc { in_svc = 1; next }
    in_svc && /^  [a-z]/ { in_svc = 0 }
    in_svc && /^    environment:/ { in_env = 1; next }
    in_env && !/^      / { in_env = 0 }
    in_svc && in_env { sub(/^ +/, ""); print }
  ' "$compose"
}

http_port() { local v="BEACON$1_PORT"; echo "${!v}"; }

start_node() {
  local i=$1 pidfile="$dir/node$1.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "node$i already running (pid $(cat "$pidfile"))"; return
  fi
  mkdir -p "$dir/node$i"
  rm -f "$pidfile" "$dir/node$i.exit"
  (
    # Hazelcast reads HZ_* variables as config overrides and warns about HZ_BASE: the knobs stay with the script.
    unset HTTP_BASE HZ_BASE BUS_BASE RAFT_BASE
    while IFS= read -r line; do
      key="${line%%:*}"; value="${line#*: }"
      eval "export $key=$value"
    done < <(service_env "$i")
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:--Xmx512m} -jar "$jar" &
    echo $! > "$pidfile"
    # This subshell outlives the script only to record how the JVM ended.
    code=0; wait $! || code=$?
    echo "$code" > "$dir/node$i.exit"
  ) > "$dir/node$i.log" 2>&1 < /dev/null &
  until [ -s "$pidfile" ]; do sleep 0.05; done
  echo "node$i started (pid $(cat "$pidfile"), http 127.0.0.1:$(http_port "$i"), log $dir/node$i.log)"
}

# "exit N" once the JVM has ended and its code is recorded, else empty.
exit_code() { [ -s "$dir/node$1.exit" ] && echo "exit $(cat "$dir/node$1.exit")" || true; }

ready() { curl -fsS -o /dev/null "http://127.0.0.1:$(http_port "$1")/ready" 2>/dev/null; }

case "${1:-}" in
  start)
    [ -f "$jar" ] || { echo "no $jar: build it first (mvn -q -DskipTests package)"; exit 1; }
    for i in "${nodes[@]}"; do start_node "$i"; done
    deadline=$(( SECONDS + ${READY_TIMEOUT:-90} ))
    for i in "${nodes[@]}"; do
      until ready "$i"; do
        if (( SECONDS > deadline )); then echo "node$i not ready in time; see $dir/node$i.log"; exit 1; fi
        sleep 0.5
      done
      echo "node$i ready"
    done ;;
  stop)
    for i in "${nodes[@]}"; do
      pidfile="$dir/node$i.pid"
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then echo "node$i did not stop; killing"; kill -KILL "$pid"; fi
      fi
      for _ in $(seq 1 50); do [ -s "$dir/node$i.exit" ] && break; sleep 0.1; done
      rm -f "$pidfile"; echo "node$i stopped ($(exit_code "$i"))"
    done ;;
  status)
    for i in "${nodes[@]}"; do
      if ready "$i"; then state=ready; elif [ -s "$dir/node$i.exit" ]; then state="down ($(exit_code "$i"))"
      else state=down; fi
      servers=$(curl -fsS "http://127.0.0.1:$(http_port "$i")/nacos/v1/ns/operator/servers" 2>/dev/null \
        | grep -o '"address":"[^"]*"' | cut -d'"' -f4 | paste -sd, - || true)
      echo "node$i 127.0.0.1:$(http_port "$i") $state servers=[${servers}]"
    done ;;
  *) echo "usage: $0 start|stop|status"; exit 2 ;;
esac
