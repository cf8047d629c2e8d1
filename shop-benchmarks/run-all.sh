#!/usr/bin/env bash
# Runs every benchmark of shop-benchmarks one after another with fixed settings, on a quiet machine.
#
#   shop-benchmarks/run-all.sh [--quick] [--force] [--only name,...] [--out dir] [--list]
#
# Builds the benchmark jar once, then runs each benchmark in its own JVM, writes its JSON (or text, for
# harnesses that print tables) into the output directory (docs/benchmarks/, or
# shop-benchmarks/target/benchmarks-quick/ with --quick so a sanity run never overwrites published results),
# and records the machine (cores, memory, JDK, PostgreSQL and Redis versions) and the 1-minute load average
# before and after each benchmark in machine.json there. Refuses to start when the 1-minute load average is
# above 1, since every figure must come from a quiet machine; --force runs anyway and marks the results noisy.
# Before each benchmark it waits (up to 2 min) for the previous one's own load to settle to 1 or below; if it
# does not, the run is marked noisy. (The load "after" includes the benchmark's own threads, so it is recorded,
# not judged.)
#
#   --quick   short JMH iterations and small data (10k store users, 300 broadcast messages, 100 shop users):
#             a sanity run of about 12 minutes, figures not for publishing
#   --force   run even when the machine is busy; machine.json then says "noisy": true
#   --only    a comma-separated subset of: store ratelimit fsm cache panel engine backup broadcast dispatcher shopload,
#             or store10m (ten times the store's data; never in the default set)
#   --out     where results go
#   --list    print the benchmarks and their expected full-mode durations, then exit
#   --seed-store10m  build the jar and seed the kept 10M-user database for store10m (tens of minutes, ~30 GB of
#             disk; load does not matter), then exit; `--only store10m` later measures it on a quiet machine
#
# Needs SHOP_TEST_POSTGRES_URL and SHOP_TEST_REDIS_URL (see docs/benchmarks.md); without them the testkit
# falls back to embedded servers, which measure something else.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/shop-benchmarks/target/benchmarks.jar"
ALL=(store ratelimit fsm cache panel engine backup broadcast dispatcher shopload)

# expected duration of each benchmark in full mode, minutes, on the 2-core machine when quiet
declare -A EXPECTED=(
  [store10m]=12 [store]=10 [ratelimit]=8 [fsm]=3 [cache]=2 [panel]=3 [engine]=10 [backup]=10
  [broadcast]=6 [dispatcher]=4 [shopload]=11
)
declare -A WHAT=(
  [store]="StoreBenchmarkMain: seeded store (1M users full, 10k quick), hot queries vs raw JDBC, JMH and interleaved"
  [store10m]="the same at 10M users on the kept database shop_bench_store_10m (not in the default set; seed first)"
  [ratelimit]="in-memory limiter vs Bucket4j; Redis limiter vs Bucket4j Lettuce and raw EVALSHA"
  [fsm]="FsmStorage.read vs raw HGETALL (JMH) and interleaved"
  [cache]="CacheLayer L1 hit vs raw Caffeine; Zipf hit rate"
  [panel]="panel client vs raw OkHttp(+Jackson); mapping vs Jackson tree"
  [engine]="applyPayment vs a raw-JDBC transaction of the same shape (1M users)"
  [backup]="BackupService backup/restore vs pg_dump -Fc / pg_restore (store seed)"
  [broadcast]="TelegramBroadcastBenchmark: 3,000 messages at 30/s vs naive sleep and batches of 25"
  [dispatcher]="DispatcherOverheadBenchmark: Redis FSM + Redis limiter + defaults vs bare dispatcher"
  [shopload]="ShopLoadBenchmark: 500 users start -> buy -> Stars pay -> my subscription, webhook then polling"
)

QUICK=0
FORCE=0
ONLY=""
OUT=""
LIST=0
SEED10M=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --force) FORCE=1 ;;
    --only) ONLY="${2:?--only needs a comma-separated list}"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    --out) OUT="${2:?--out needs a directory}"; shift ;;
    --out=*) OUT="${1#--out=}" ;;
    --list) LIST=1 ;;
    --seed-store10m) SEED10M=1 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

SELECTED=("${ALL[@]}")
if [[ -n "$ONLY" ]]; then
  IFS=',' read -r -a SELECTED <<<"$ONLY"
  for name in "${SELECTED[@]}"; do
    if [[ -z "${EXPECTED[$name]+x}" ]]; then
      echo "unknown benchmark '$name'; known: ${ALL[*]} store10m" >&2
      exit 2
    fi
  done
fi

total=0
echo "Expected durations in full mode (quiet 2-core machine):"
for name in "${SELECTED[@]}"; do
  printf '  %-11s ~%2d min  %s\n' "$name" "${EXPECTED[$name]}" "${WHAT[$name]}"
  total=$((total + EXPECTED[$name]))
done
echo "  total       ~$total min, plus up to ~1 min per benchmark for the load to settle (--quick: about 12 min)"
if [[ $LIST -eq 1 ]]; then
  exit 0
fi

if [[ -z "$OUT" ]]; then
  if [[ $QUICK -eq 1 ]]; then OUT="$ROOT/shop-benchmarks/target/benchmarks-quick"; else OUT="$ROOT/docs/benchmarks"; fi
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

STORE10M_PROPS=(-Dshop.bench.store.users=10000000 -Dshop.bench.store.database=shop_bench_store_10m)
if [[ $SEED10M -eq 1 ]]; then
  : "${SHOP_TEST_POSTGRES_URL:?set SHOP_TEST_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
  echo "Building the benchmark jar, then seeding (or checking) shop_bench_store_10m; the load does not matter here"
  (cd "$ROOT" && mvn -B -q -pl shop-benchmarks -am -DskipTests package)
  exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${STORE10M_PROPS[@]}" -Dshop.bench.store.seedOnly=true \
    -cp "$JAR" io.github.remnawaveshop.benchmarks.store.StoreBenchmarkMain
fi

load1() { cut -d' ' -f1 /proc/loadavg; }
NOISY=false
LOAD_AT_START="$(load1)"
if awk -v l="$LOAD_AT_START" 'BEGIN { exit !(l > 1) }'; then
  if [[ $FORCE -eq 0 ]]; then
    echo "The 1-minute load average is $LOAD_AT_START (above 1): the figures would measure the other work." >&2
    echo "Stop the other work and retry, or pass --force to run anyway with the results marked noisy." >&2
    exit 3
  fi
  NOISY=true
  echo "WARNING: load average $LOAD_AT_START > 1; running because of --force, results marked noisy"
fi

: "${SHOP_TEST_POSTGRES_URL:?set SHOP_TEST_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
: "${SHOP_TEST_REDIS_URL:?set SHOP_TEST_REDIS_URL, e.g. redis://127.0.0.1:6379}"

echo "Building the benchmark jar (once)"
(cd "$ROOT" && mvn -B -q -pl shop-benchmarks -am -DskipTests package)

# --- machine record ----------------------------------------------------------------------------------------
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr -d '\n\r'; }
pg_version() {
  local url="${SHOP_TEST_POSTGRES_URL#jdbc:}" user host rest
  user="$(sed -n 's/.*[?&]user=\([^&]*\).*/\1/p' <<<"$url")"
  rest="${url#postgresql://}"; host="${rest%%\?*}"
  psql "postgresql://${user:-postgres}@${host}" -tAc 'show server_version' 2>/dev/null || echo unknown
}
redis_version() {
  redis-cli -u "$SHOP_TEST_REDIS_URL" info server 2>/dev/null | sed -n 's/^redis_version:\(.*\)\r\{0,1\}$/\1/p' | tr -d '\r' \
    || echo unknown
}
MACHINE="$OUT/machine.json"
ENTRIES=()
write_machine() {
  {
    echo "{"
    echo "  \"mode\": \"$([[ $QUICK -eq 1 ]] && echo quick || echo full)\","
    echo "  \"noisy\": $NOISY,"
    echo "  \"startedAt\": \"$STARTED_AT\","
    echo "  \"cores\": $(nproc),"
    echo "  \"memoryKiB\": $(awk '/MemTotal/ {print $2}' /proc/meminfo),"
    echo "  \"cpu\": \"$(json_escape "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)")\","
    echo "  \"kernel\": \"$(json_escape "$(uname -sr)")\","
    echo "  \"jdk\": \"$(json_escape "$(java -version 2>&1 | head -2 | tr '\n' ' ')")\","
    echo "  \"postgresql\": \"$(json_escape "$PG_VERSION")\","
    echo "  \"redis\": \"$(json_escape "$REDIS_VERSION")\","
    echo "  \"loadAverageAtStart\": $LOAD_AT_START,"
    echo "  \"benchmarks\": ["
    local i
    for i in "${!ENTRIES[@]}"; do
      if [[ $i -gt 0 ]]; then echo ","; fi
      printf '    %s' "${ENTRIES[$i]}"
    done
    echo ""
    echo "  ]"
    echo "}"
  } >"$MACHINE"
}
STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
PG_VERSION="$(pg_version)"
REDIS_VERSION="$(redis_version)"

# --- settings ------------------------------------------------------------------------------------------------
if [[ $QUICK -eq 1 ]]; then
  JMH=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
  STORE_USERS=10000; BACKUP_PROPS=(-Dshop.bench.store.users=10000 -Dshop.bench.backup.levels=1 -Dshop.bench.backup.keys=1000)
  FSM_ROUNDS=5000; ENGINE_ROUNDS=1; MESSAGES=300; SHOP_USERS=100; PARAMS=(-p keys=1024)
else
  JMH=(-f 1 -wi 3 -i 5 -w 2s -r 3s)
  STORE_USERS=1000000; BACKUP_PROPS=(); FSM_ROUNDS=50000; ENGINE_ROUNDS=12; MESSAGES=3000; SHOP_USERS=500; PARAMS=()
fi
QUIET_LOG=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
JAVA=(java "${QUIET_LOG[@]}")

jmh() { # jmh <regexp> <result.json> [extra JMH options]
  local regexp="$1" out="$2"; shift 2
  "${JAVA[@]}" -jar "$JAR" "$regexp" "${JMH[@]}" "$@" -rf json -rff "$out"
}
main_class() { # main_class <class> [args...]
  local cls="$1"; shift
  "${JAVA[@]}" -cp "$JAR" "io.github.remnawaveshop.benchmarks.$cls" "$@"
}

run_store() {
  "${JAVA[@]}" -Dshop.bench.store.users="$STORE_USERS" -Dshop.bench.store.interleaved="$OUT/store-interleaved.json" \
    -cp "$JAR" io.github.remnawaveshop.benchmarks.store.StoreBenchmarkMain "${JMH[@]}" -rf json -rff "$OUT/store.json"
}
# Ten times the data, on a kept database: the first run seeds it (tens of minutes, ~30 GB), later runs reuse it.
# Seed it beforehand with --seed-store10m so the measurement itself starts on a quiet machine.
run_store10m() {
  "${JAVA[@]}" "${STORE10M_PROPS[@]}" -Dshop.bench.store.interleaved="$OUT/store-10m-interleaved.json" \
    -cp "$JAR" io.github.remnawaveshop.benchmarks.store.StoreBenchmarkMain "${JMH[@]}" -rf json -rff "$OUT/store-10m.json"
}
run_ratelimit() { jmh 'io.github.remnawaveshop.benchmarks.ratelimit' "$OUT/ratelimit.json" "${PARAMS[@]}"; }
run_fsm() {
  jmh 'benchmarks.fsm.FsmReadBenchmark' "$OUT/fsm.json" -bm avgt,sample
  main_class fsm.FsmReadInterleaved "$FSM_ROUNDS" "$OUT/fsm-interleaved.json"
}
run_cache() {
  jmh 'benchmarks.cache.CacheHitBenchmark' "$OUT/cache.json"
  main_class cache.ZipfHitRate "$OUT/cache-zipf.json"
}
run_panel() {
  jmh 'benchmarks.panel.PanelClientBenchmark' "$OUT/panel.json"
  jmh 'benchmarks.panel.PanelMappingBenchmark' "$OUT/panel-mapping.json"
}
run_engine() {
  jmh 'benchmarks.engine.ApplyPaymentBenchmark' "$OUT/engine.json"
  main_class engine.ApplyPaymentInterleaved "$ENGINE_ROUNDS" 400 "$OUT/engine-interleaved.json"
}
run_backup() {
  "${JAVA[@]}" "${BACKUP_PROPS[@]}" -cp "$JAR" io.github.remnawaveshop.benchmarks.backup.BackupBenchmarkMain \
    | tee "$OUT/backup.txt"
}
run_broadcast() { main_class telegram.TelegramBroadcastBenchmark "$MESSAGES" "$OUT/telegram-broadcast.json"; }
run_dispatcher() { jmh 'benchmarks.telegram.DispatcherOverheadBenchmark' "$OUT/telegram-dispatcher.json"; }
run_shopload() { main_class telegram.ShopLoadBenchmark "$SHOP_USERS" "$OUT/telegram-shop-load.json"; }

write_machine
FAILED=()
# Each benchmark should start on a settled machine: the previous one's own load decays out of the 1-minute
# average in about 40 s after a 2-thread run. Wait for it (up to SETTLE_MAX s); on a busy machine (--force with
# a high load) there is nothing to wait for.
SETTLE_MAX=120
settle() {
  local waited=0
  while [[ $NOISY == false ]] && awk -v l="$(load1)" 'BEGIN { exit !(l > 1) }' && [[ $waited -lt $SETTLE_MAX ]]; do
    if [[ $waited -eq 0 ]]; then echo "waiting for the load average ($(load1)) to settle to 1 or below"; fi
    sleep 5
    waited=$((waited + 5))
  done
  if [[ $NOISY == false ]] && awk -v l="$(load1)" 'BEGIN { exit !(l > 1) }'; then
    echo "WARNING: load average still $(load1) after ${SETTLE_MAX}s; results marked noisy"
    NOISY=true
  fi
}

for name in "${SELECTED[@]}"; do
  settle
  before="$(load1)"
  start="$(date +%s)"
  echo
  echo "=== $name (load average $before) — ${WHAT[$name]}"
  status=0
  "run_$name" || status=$?
  after="$(load1)"
  took=$(( $(date +%s) - start ))
  echo "=== $name: exit $status after ${took}s (load average $before -> $after)"
  if [[ $status -ne 0 ]]; then FAILED+=("$name"); fi
  ENTRIES+=("{\"name\": \"$name\", \"startedAt\": \"$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ)\", \"seconds\": $took, \"exit\": $status, \"loadAverageBefore\": $before, \"loadAverageAfter\": $after}")
  write_machine
done

echo
echo "Results in $OUT (machine record: $MACHINE); noisy: $NOISY"
echo "Tables for docs/benchmarks.md: python3 shop-benchmarks/report.py $OUT"
if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "FAILED: ${FAILED[*]}" >&2
  exit 1
fi
