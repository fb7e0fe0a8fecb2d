#!/usr/bin/env bash
# A local NovaCron cluster for demos and tests: N servers on this machine, on ports derived from the node index.
#   scripts/cluster.sh start N [--protocol raft|pbft]   build if needed, start node-1..node-N, exchange keys, wait ready
#   scripts/cluster.sh status                            per node: process, readiness, URL
#   scripts/cluster.sh stop                              stop every node (kill -9 what is left after a deadline)
#   scripts/cluster.sh start-node I                      start node-I again (after a stop or a kill -9), wait ready
# (./novacron cluster ... calls this script.)
#
# Node i (1-based) uses: HTTP 9080+10(i-1), HTTPS 9443+10(i-1), IIOP 2809+10(i-1), grid discovery 47500+(i-1),
# grid communication 47100+(i-1), consensus 7800+(i-1). Everything of node i lives in cluster/node-i/:
#   liberty/   its Liberty user directory (WLP_USER_DIR): server.xml and jvm.options copied from the build,
#              the application linked to the build's EAR, logs in liberty/servers/novacron/logs/
#   data/      NOVACRON_DATA_DIR: H2 audit database, grid persistence, cluster keys, initial-admin-password
# The one Liberty install in ear/target/liberty/wlp runs all nodes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cluster_dir="${NOVACRON_CLUSTER_DIR:-$root/cluster}"
wlp="$root/ear/target/liberty/wlp"
template="$wlp/usr/servers/novacron"
# Seconds to wait for key files and readiness, and for a graceful stop.
start_deadline="${NOVACRON_CLUSTER_START_TIMEOUT:-300}"
stop_deadline="${NOVACRON_CLUSTER_STOP_TIMEOUT:-60}"
# Heap per cluster node: the single server's -Xmx1g times N is more than demos need (see operator guide).
node_heap="${NOVACRON_CLUSTER_HEAP:-512m}"

say() { echo "cluster: $*" >&2; }
die() { say "$*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not installed ($2)"; }

node_dir() { echo "$cluster_dir/node-$1"; }
http_port() { echo $((9080 + 10 * ($1 - 1))); }
pid_file() { echo "$(node_dir "$1")/liberty/servers/.pid/novacron.pid"; }
log_file() { echo "$(node_dir "$1")/liberty/servers/novacron/logs/messages.log"; }

# The nodes of the cluster last started in cluster_dir (from cluster.env), else of the node-* directories.
node_count() {
  if [[ -f "$cluster_dir/cluster.env" ]]; then
    sed -n 's/^NODES=//p' "$cluster_dir/cluster.env"
  elif [[ -d "$cluster_dir" ]]; then
    find "$cluster_dir" -maxdepth 1 -type d -name 'node-*' | wc -l
  else
    echo 0
  fi
}

node_pid() {
  local file; file="$(pid_file "$1")"
  [[ -f "$file" ]] && cat "$file" || true
}

alive() {
  local pid; pid="$(node_pid "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

ready() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://localhost:$(http_port "$1")/health/ready")" == 200 ]]
}

# Builds when there is no server yet or a source file is newer than the deployed EAR.
build_if_needed() {
  local ear="$template/apps/novacron.ear"
  if [[ ! -f "$ear" ]] || [[ -n "$(find "$root" -path "$root/cluster" -prune -o -path '*/target' -prune \
        -o -path "$root/.git" -prune -o \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$ear" -print -quit)" ]]; then
    say "building (mvn install, tests skipped)..."
    (cd "$root" && mvn -B -q install -DskipTests)
  fi
}

# Lays out node i's Liberty user directory from the build's server (configuration refreshed on every start;
# generated keystore, admin drop-in, logs and data kept).
prepare_node() {
  local i=$1 dir server
  dir="$(node_dir "$i")"
  server="$dir/liberty/servers/novacron"
  mkdir -p "$server/apps" "$dir/liberty/shared/resources" "$dir/data/cluster/members"
  cp "$template/server.xml" "$server/server.xml"
  rm -rf "$server/db" && cp -r "$template/db" "$server/db"
  sed "s/^-Xmx.*/-Xmx$node_heap/" "$template/jvm.options" > "$server/jvm.options"
  ln -sfn "$template/apps/novacron.ear" "$server/apps/novacron.ear"
  ln -sfn "$wlp/usr/shared/resources/jdbc" "$dir/liberty/shared/resources/jdbc"
  if [[ ! -f "$server/server.env" ]]; then
    # Liberty's generated TLS key store needs a password; each node gets its own.
    printf 'keystore_password=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$server/server.env"
    chmod 600 "$server/server.env"
  fi
}

start_node() {
  local i=$1 n=$2 protocol=$3 members=$4 dir
  dir="$(node_dir "$i")"
  env WLP_USER_DIR="$dir/liberty" \
    NOVACRON_NODE_ID="node-$i" \
    NOVACRON_DATA_DIR="$dir/data" \
    NOVACRON_HTTP_PORT="$(http_port "$i")" \
    NOVACRON_HTTPS_PORT=$((9443 + 10 * (i - 1))) \
    NOVACRON_IIOP_PORT=$((2809 + 10 * (i - 1))) \
    NOVACRON_GRID_DISCOVERY_PORT=$((47500 + i - 1)) \
    NOVACRON_GRID_COMMUNICATION_PORT=$((47100 + i - 1)) \
    NOVACRON_GRID_DISCOVERY_ADDRESSES="127.0.0.1:47500..$((47500 + n - 1))" \
    NOVACRON_CLUSTER_MEMBERS="$members" \
    NOVACRON_CLUSTER_PORT=$((7800 + i - 1)) \
    NOVACRON_CLUSTER_PROTOCOL="$protocol" \
    "$wlp/bin/server" start novacron --clean > "$dir/server-start.log" 2>&1
}

# Waits until every node has written its public key, then copies each into every other node's members directory.
exchange_keys() {
  local n=$1 end=$((SECONDS + start_deadline)) i j missing
  while :; do
    missing=()
    for ((i = 1; i <= n; i++)); do
      [[ -s "$(node_dir "$i")/data/cluster/node.pub" ]] || missing+=("node-$i")
    done
    ((${#missing[@]} == 0)) && break
    if ((SECONDS >= end)); then
      for m in "${missing[@]}"; do say "$m wrote no key file; its log: $(log_file "${m#node-}")"; done
      die "key exchange timed out after ${start_deadline} s"
    fi
    sleep 1
  done
  for ((i = 1; i <= n; i++)); do
    for ((j = 1; j <= n; j++)); do
      ((i == j)) && continue
      cp "$(node_dir "$j")/data/cluster/node.pub" "$(node_dir "$i")/data/cluster/members/node-$j.pub"
    done
  done
  say "exchanged the public keys of $n nodes"
}

await_ready() {
  local n=$1 end=$((SECONDS + start_deadline)) i pending
  while :; do
    pending=()
    for ((i = 1; i <= n; i++)); do
      ready "$i" || pending+=("$i")
    done
    ((${#pending[@]} == 0)) && return 0
    if ((SECONDS >= end)); then
      for i in "${pending[@]}"; do
        say "node-$i is not ready: $(curl -s --max-time 5 "http://localhost:$(http_port "$i")/health/ready" \
          || echo 'no answer') -- log: $(log_file "$i")"
      done
      return 1
    fi
    for i in "${pending[@]}"; do
      alive "$i" || { say "node-$i is not running; its log: $(log_file "$i")"; return 1; }
    done
    sleep 2
  done
}

start() {
  local n="${1:-}" protocol=raft members="" i started=$SECONDS
  [[ "$n" =~ ^[1-9]$ ]] || die "usage: ./novacron cluster start N [--protocol raft|pbft]  (N = 1..9)"
  shift
  while (($#)); do
    case "$1" in
      --protocol) protocol="${2:-}"; shift 2 || die "--protocol needs raft or pbft" ;;
      --protocol=*) protocol="${1#--protocol=}"; shift ;;
      *) die "unknown option '$1'" ;;
    esac
  done
  [[ "$protocol" == raft || "$protocol" == pbft ]] || die "--protocol must be raft or pbft, not '$protocol'"
  [[ "$protocol" != pbft || "$n" -ge 4 ]] || die "pbft needs at least 4 nodes (n >= 3f+1 with f >= 1)"
  need java "a Java 17 JDK"
  need mvn "Apache Maven 3.8 or newer"
  need curl "apt-get install -y curl"
  local previous; previous="$(node_count)"
  for ((i = 1; i <= previous; i++)); do
    alive "$i" && die "node-$i is still running (pid $(node_pid "$i")); run ./novacron cluster stop first"
  done
  build_if_needed
  for ((i = 1; i <= n; i++)); do
    members+="${members:+,}node-$i=127.0.0.1:$((7800 + i - 1))"
  done
  mkdir -p "$cluster_dir"
  printf 'NODES=%s\nPROTOCOL=%s\nMEMBERS=%s\n' "$n" "$protocol" "$members" > "$cluster_dir/cluster.env"
  say "starting $n nodes ($protocol): $members"
  local pids=()
  for ((i = 1; i <= n; i++)); do
    prepare_node "$i"
    start_node "$i" "$n" "$protocol" "$members" &
    pids+=($!)
  done
  for ((i = 1; i <= n; i++)); do
    wait "${pids[i - 1]}" || die "node-$i did not start; see $(node_dir "$i")/server-start.log and $(log_file "$i")"
  done
  exchange_keys "$n"
  if ! await_ready "$n"; then
    die "the cluster is not ready after ${start_deadline} s; ./novacron cluster status shows more"
  fi
  say "all $n nodes ready in $((SECONDS - started)) s"
  echo
  for ((i = 1; i <= n; i++)); do
    echo "  node-$i  http://localhost:$(http_port "$i")/   admin password: $(node_dir "$i")/data/initial-admin-password"
  done
  cat <<TXT

  Sign in as 'admin' with that node's password (each node generated its own on its first start; read it, then
  delete the file). Logs: cluster/node-i/liberty/servers/novacron/logs/messages.log
  ./novacron cluster status   shows each node;   ./novacron cluster stop   stops them all.
TXT
}

start_one() {
  local i="${1:-}" n protocol members
  [[ -f "$cluster_dir/cluster.env" ]] || die "no cluster in $cluster_dir; use ./novacron cluster start N"
  n="$(node_count)"
  [[ "$i" =~ ^[1-9]$ ]] && ((i <= n)) || die "usage: ./novacron cluster start-node I  (I = 1..$n)"
  alive "$i" && die "node-$i is running (pid $(node_pid "$i"))"
  protocol="$(sed -n 's/^PROTOCOL=//p' "$cluster_dir/cluster.env")"
  members="$(sed -n 's/^MEMBERS=//p' "$cluster_dir/cluster.env")"
  prepare_node "$i"
  start_node "$i" "$n" "$protocol" "$members" \
    || die "node-$i did not start; see $(node_dir "$i")/server-start.log and $(log_file "$i")"
  local end=$((SECONDS + start_deadline))
  until ready "$i"; do
    ((SECONDS < end)) && alive "$i" || die "node-$i is not ready; its log: $(log_file "$i")"
    sleep 2
  done
  say "node-$i ready: http://localhost:$(http_port "$i")/"
}

# kill -9 of one node's server JVM, as a crash would: for demos of fail-over (start it again with start-node).
kill_one() {
  local i="${1:-}" n
  n="$(node_count)"
  [[ "$i" =~ ^[1-9]$ ]] && ((i <= n)) || die "usage: ./novacron cluster kill-node I  (I = 1..$n)"
  alive "$i" || die "node-$i is not running"
  kill -9 "$(node_pid "$i")"
  say "node-$i killed (kill -9); ./novacron cluster start-node $i starts it again"
}

status() {
  local n i state readiness
  n="$(node_count)"
  ((n > 0)) || { echo "no cluster in $cluster_dir"; return 0; }
  printf '%-8s %-18s %-8s %s\n' NODE PROCESS READY URL
  for ((i = 1; i <= n; i++)); do
    if alive "$i"; then state="running ($(node_pid "$i"))"; else state="stopped"; fi
    if ready "$i"; then readiness=UP; elif [[ "$state" == stopped ]]; then readiness=-; else readiness=DOWN; fi
    printf '%-8s %-18s %-8s %s\n' "node-$i" "$state" "$readiness" "http://localhost:$(http_port "$i")/"
  done
}

stop() {
  local n i end
  n="$(node_count)"
  ((n > 0)) || { say "no cluster in $cluster_dir"; return 0; }
  for ((i = 1; i <= n; i++)); do
    if alive "$i"; then
      WLP_USER_DIR="$(node_dir "$i")/liberty" timeout "$stop_deadline" "$wlp/bin/server" stop novacron \
        >/dev/null 2>&1 &
    fi
  done
  wait || true
  end=$((SECONDS + 10))
  for ((i = 1; i <= n; i++)); do
    while alive "$i" && ((SECONDS < end)); do sleep 1; done
    if alive "$i"; then
      say "node-$i did not stop within the deadline; kill -9 $(node_pid "$i")"
      kill -9 "$(node_pid "$i")" 2>/dev/null || true
    fi
  done
  say "stopped $n nodes (data kept in $cluster_dir)"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  start-node) shift; start_one "$@" ;;
  kill-node) shift; kill_one "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: ./novacron cluster start N [--protocol raft|pbft] | status | stop | start-node I | kill-node I" >&2
     exit 2 ;;
esac
