#!/usr/bin/env bash
# Write-path benchmark on a local cluster (issue 4; docs/benchmarks/cluster-write-path.md has the figures):
#   scripts/cluster-load.sh [raft|pbft] [rate]      default: raft 1000
# 1. builds (mvn -o install -DskipTests) unless SKIP_BUILD=1;
# 2. unless IN_PROCESS=0, measures the same engine in-process first (BenchmarkMain, one cell, disk+fsync), while
#    the machine is quiet, so the ratio server path / in-process comes from one run on one machine;
# 3. starts a fresh cluster (raft: 3 nodes, pbft: 4) in its own directory, waits until every node is ready;
# 4. runs ClusterLoad open loop at `rate` writes/s, then closed loop with IN_FLIGHT outstanding;
# 5. stops the cluster, also on failure or Ctrl-C, and prints both RESULT lines.
# Other engineers start Liberty servers on the same ports; take the machine's lock around the whole run:
#   flock /tmp/novacron-it.lock bash scripts/cluster-load.sh raft 1000
#
# Environment (defaults in brackets): SETTLE [300s] of closed-loop load with 32 in flight before the measured runs,
# until the servers' JIT compilers are done (three or four Liberty servers on 2 cores compile for minutes; its RESULT
# line is labelled settle and is not a figure); DURATION [30s] and WARMUP [10s] per load run; IN_FLIGHT [256] for the
# closed loop; TARGET [all] (all = round-robin over every node, leader = the leader or primary only); CLIENTS [1] the
# harness's I/O threads; NOVACRON_CLUSTER_HEAP [1g] each server's heap, the single server's default; IN_PROCESS [1]; IN_PROCESS_PAYLOAD [128] bytes per proposal, about the size of the harness's request
# body; IN_PROCESS_WARMUP [20s] JIT warm-up of the in-process engine; READY_TIMEOUT [300] seconds to wait for the
# nodes; NOVACRON_CLUSTER_DIR [target/cluster-load-PROTOCOL, wiped first]; RESULTS_DIR [target/cluster-load-results].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { echo "cluster-load: $*" >&2; }
die() { say "$*"; exit 1; }

protocol="${1:-raft}"
rate="${2:-1000}"
case "$protocol" in
  raft) nodes=3 engine=novacron-raft ;;
  pbft) nodes=4 engine=novacron-pbft ;;
  *) die "usage: scripts/cluster-load.sh [raft|pbft] [rate]  (protocol '$protocol' is neither)" ;;
esac
[[ "$rate" =~ ^[1-9][0-9]*$ ]] || die "usage: scripts/cluster-load.sh [raft|pbft] [rate]  (rate '$rate' is not a positive whole number)"
duration="${DURATION:-30s}"
warmup="${WARMUP:-10s}"
in_flight="${IN_FLIGHT:-256}"
target="${TARGET:-all}"
clients="${CLIENTS:-1}"
settle="${SETTLE:-300s}"
export NOVACRON_CLUSTER_HEAP="${NOVACRON_CLUSTER_HEAP:-1g}"
ready_timeout="${READY_TIMEOUT:-300}"
for tool in java mvn curl; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not installed"
done

# A cluster of its own: earlier runs' hosts, logs and Raft state would otherwise change what is measured.
if [[ -z "${NOVACRON_CLUSTER_DIR:-}" ]]; then
  export NOVACRON_CLUSTER_DIR="$root/target/cluster-load-$protocol"
  if [[ -f "$NOVACRON_CLUSTER_DIR/cluster.env" ]]; then
    NOVACRON_CLUSTER_DIR="$NOVACRON_CLUSTER_DIR" bash scripts/cluster.sh stop >/dev/null 2>&1 || true
  fi
  rm -rf "$NOVACRON_CLUSTER_DIR"
fi
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results_dir="${RESULTS_DIR:-$root/target/cluster-load-results}"
mkdir -p "$results_dir"
log="$results_dir/$stamp-$protocol-$rate.log"
say "log of this run: $log"

http_port() { echo $((9080 + 10 * ($1 - 1))); }

# Liberty would fail to bind, or worse, the harness would load someone else's server.
for ((i = 1; i <= nodes; i++)); do
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$(http_port "$i")/"; then
    die "port $(http_port "$i") already answers: another server runs here (run under flock /tmp/novacron-it.lock)"
  fi
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  say "building (mvn -o install -DskipTests)..."
  mvn -B -q -o install -DskipTests
fi
classpath_file="$root/bench/target/cluster-load.classpath"
mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file"
classpath="$root/bench/target/classes:$(cat "$classpath_file")"

in_process_ops=0
if [[ "${IN_PROCESS:-1}" == 1 ]]; then
  payload="${IN_PROCESS_PAYLOAD:-128}"
  table="$results_dir/$stamp-$protocol-in-process.md"
  say "measuring $engine in-process ($payload B, disk+fsync) before the cluster starts..."
  mvn -B -q -o -pl bench exec:java -Dexec.mainClass=io.novacron.bench.BenchmarkMain \
    -Dexec.args="--systems=$engine --payloads=$payload --durability=disk --jvm-warmup=${IN_PROCESS_WARMUP:-20s} --warmup=5s --duration=10s --out=$table" \
    2>&1 | tee -a "$log"
  # The table row: | system | replicas | payload | durability | ops/s | ...
  in_process_ops="$(awk -F'|' -v s="$engine" '$2 ~ "^ *"s" *$" { gsub(/[ ,]/, "", $6); print $6; exit }' "$table")"
  [[ "$in_process_ops" =~ ^[0-9]+$ ]] || die "no ops/s for $engine in $table"
  say "$engine in-process: $in_process_ops ops/s"
fi

stop_cluster() {
  say "stopping the cluster"
  bash scripts/cluster.sh stop || true
}
trap stop_cluster EXIT

start_args=(start "$nodes")
[[ "$protocol" == pbft ]] && start_args+=(--protocol pbft)
say "starting $nodes nodes ($protocol) in $NOVACRON_CLUSTER_DIR"
bash scripts/cluster.sh "${start_args[@]}" 2>&1 | tee -a "$log"

# Polls every node's readiness until all answer 200, within ready_timeout. cluster.sh start waits too; this runs
# again before each load, because a node can drop out, and after an overloaded run a node answers only once it
# has worked off the requests the harness gave up on.
await_ready() {
  local deadline=$((SECONDS + ready_timeout)) i
  for ((i = 1; i <= nodes; i++)); do
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
        "http://127.0.0.1:$(http_port "$i")/health/ready")" == 200 ]]; do
      ((SECONDS < deadline)) || die "node-$i is not ready after $ready_timeout s: $(curl -s --max-time 5 \
        "http://127.0.0.1:$(http_port "$i")/health/ready" || echo 'no answer')"
      sleep 2
    done
  done
}
await_ready

urls="" password_files=""
for ((i = 1; i <= nodes; i++)); do
  urls+="${urls:+,}http://127.0.0.1:$(http_port "$i")"
  password_files+="${password_files:+,}$NOVACRON_CLUSTER_DIR/node-$i/data/initial-admin-password"
done

load() {
  await_ready
  say "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$classpath" io.novacron.bench.cluster.ClusterLoad --urls "$urls" --user admin \
    --password-file "$password_files" --target "$target" --clients "$clients" \
    --in-process-ops "$in_process_ops" "$@" 2>&1 | tee -a "$log"
}
if [[ "$settle" != 0 && "$settle" != 0s ]]; then
  say "settling: $settle of closed-loop load with 32 in flight (JIT warm-up; not a figure)"
  load --mode closed --in-flight 32 --warmup 0s --duration "$settle" --label "$protocol-$nodes-settle"
fi
say "open loop at $rate writes/s"
load --mode open --rate "$rate" --warmup "$warmup" --duration "$duration" --label "$protocol-$nodes-open-$rate"
say "closed loop with $in_flight in flight"
load --mode closed --in-flight "$in_flight" --warmup "$warmup" --duration "$duration" \
  --label "$protocol-$nodes-closed-$in_flight"

echo
if [[ "$in_process_ops" == 0 ]]; then in_process_note="not measured (IN_PROCESS=0)"; else in_process_note="$in_process_ops ops/s"; fi
echo "Results ($protocol, $nodes nodes; in-process $engine: $in_process_note; log $log):"
grep '^RESULT ' "$log"
