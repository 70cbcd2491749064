#!/usr/bin/env bash
# Linearizable reads through a Raft follower, measured with wrk against the floor in the same run.
#   bench/follower-reads.sh                      # target/beacon.jar
#   BASELINE_JAR=/path/old-beacon.jar bench/follower-reads.sh   # the same rounds for an earlier build, alternated
# A local three-node cluster (scripts/local-cluster.sh: one Raft group) gets a service of 200 persistent instances
# (127.0.x.y, never contacted beyond the server's own health checks); wrk then lists it through a follower and through
# the leader. The floor is the bench's FloorServer (a bare Vert.x endpoint) given the same request. Rounds alternate
# floor / jar(s), 3 of each; the median req/s and p99 are printed. Knobs: DURATION (10s), CONNECTIONS (64),
# ROUNDS (3). Needs wrk (Debian package wrk), curl, and bench/target/beacon-bench.jar (mvn -f bench/pom.xml package).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-64}"
rounds="${ROUNDS:-3}"
work="$(mktemp -d /tmp/beacon-follower-reads.XXXXXX)"
service="bench-persistent"
floor_pid=""

cleanup() {
  [ -n "$floor_pid" ] && kill "$floor_pid" 2>/dev/null || true
  for d in "$work"/cluster-*; do
    [ -d "$d" ] && CLUSTER_DIR="$d" bash "$root/scripts/local-cluster.sh" stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }

# One wrk run: prints "req/s p99-ms".
measure() {
  wrk -t2 -c"$connections" -d"$duration" --latency "$1" 2>&1 | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
                  else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; p99 = v }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.1f%s\n", rps, p99, (bad ? " non2xx=" bad : "") }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

free_base() { # a base with ten free ports from $1 on (one cluster uses three of them)
  local p=$1 i busy
  while true; do
    busy=0
    for i in 0 1 2 3 4 5 6 7 8 9; do (echo > /dev/tcp/127.0.0.1/$((p + i))) 2>/dev/null && busy=1; done
    [ $busy = 0 ] && { echo "$p"; return; }
    p=$((p + 100))
  done
}

# Starts a cluster of $2 (a jar) named $1; prints "follower-port leader-port".
start_cluster() {
  local name=$1 jar=$2 dir="$work/cluster-$1" offset=$3 http hz bus raft
  http=$(free_base $((18000 + offset))); hz=$(free_base $((15000 + offset))); bus=$(free_base $((16000 + offset)))
  raft=$(free_base $((17000 + offset)))
  mkdir -p "$dir"
  CLUSTER_DIR="$dir" BEACON_JAR="$jar" HTTP_BASE=$http HZ_BASE=$hz BUS_BASE=$bus RAFT_BASE=$raft \
    JAVA_OPTS="-Xmx512m" bash "$root/scripts/local-cluster.sh" start > "$dir/start.log" 2>&1 \
    || { cat "$dir/start.log" >&2; exit 1; }
  echo "$http" > "$dir/http"
  for i in $(seq 1 200); do
    curl -fsS -o /dev/null --retry 3 -X POST "http://127.0.0.1:$http/nacos/v1/ns/instance?serviceName=$service&ip=127.0.$((i / 250 + 1)).$((i % 250 + 1))&port=8080&ephemeral=false"
  done
  local i
  for i in 0 1 2; do # the leader is the node whose /raft/leader answer says isLeader:true
    if curl -fsS "http://127.0.0.1:$((http + i))/nacos/v1/ns/raft/leader" | grep -q '"isLeader":true'; then
      echo "$((http + (i + 1) % 3)) $((http + i))"; return
    fi
  done
  echo "no Raft leader in cluster $name" >&2; exit 1
}

list_path="/nacos/v1/ns/instance/list?serviceName=$service&healthyOnly=false"
floor_port=$(free_base 29000) # not 19xxx: a node's gRPC port is its HTTP port + 1000
java -Xms512m -Xmx512m -cp "$root/bench/target/beacon-bench.jar" dev.beacon.bench.FloorServer "$floor_port" \
  > "$work/floor.log" 2>&1 &
floor_pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$floor_port/" 2>/dev/null; do sleep 0.2; done

declare -A ports
jars=(current)
ports[current]="$(start_cluster current "$root/target/beacon.jar" 0)"
if [ -n "${BASELINE_JAR:-}" ]; then
  jars+=(baseline)
  ports[baseline]="$(start_cluster baseline "$BASELINE_JAR" 500)"
fi
wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$floor_port$list_path" > /dev/null # warm-up
for j in "${jars[@]}"; do
  read -r f l <<< "${ports[$j]}"
  wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$f$list_path" > /dev/null
  wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$l$list_path" > /dev/null
done

for r in $(seq 1 "$rounds"); do
  measure "http://127.0.0.1:$floor_port$list_path" >> "$work/floor.txt"
  for j in "${jars[@]}"; do
    read -r f l <<< "${ports[$j]}"
    measure "http://127.0.0.1:$f$list_path" >> "$work/$j-follower.txt"
    measure "http://127.0.0.1:$l$list_path" >> "$work/$j-leader.txt"
  done
done

floor=$(cut -d' ' -f1 "$work/floor.txt" | median)
printf "%-22s %10s %9s %8s   (median of %s rounds of %s, %s connections; load before: %s)\n" scenario "req/s" \
  "p99 ms" "x floor" "$rounds" "$duration" "$connections" "$(cut -d' ' -f1 /proc/loadavg)"
printf "%-22s %10s %9s %8s\n" floor "$floor" "$(cut -d' ' -f2 "$work/floor.txt" | median)" "1.00"
for j in "${jars[@]}"; do
  for where in follower leader; do
    f="$work/$j-$where.txt"
    rps=$(cut -d' ' -f1 "$f" | median)
    printf "%-22s %10s %9s %8.2f %s\n" "$j list via $where" "$rps" "$(cut -d' ' -f2 "$f" | median)" \
      "$(echo "$rps / $floor" | bc -l)" "$(grep -o 'non2xx=[0-9]*' "$f" | head -1 || true)"
  done
done
