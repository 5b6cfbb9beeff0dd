#!/usr/bin/env bash
# Load test for navdesk, run from the repository root:
#
#   scripts/load.sh
#   DURATION=30s CONNECTIONS=64 THREADS=2 scripts/load.sh
#
# Builds the release binary, starts `navdesk serve --demo` on a fresh SQLite database in a
# temporary folder, and measures with wrk (load generator on the same machine):
#   1. GET /help   with Accept-Encoding: gzip (as a browser sends it): requests/s and p99.
#   2. POST /help  with a valid form (scripts/load_post.lua): durable submissions/s (a 303 is
#                  sent only after the SQLite commit with synchronous=FULL) and p99.
#   3. Peak RSS of the server (VmHWM) after both runs.
# Then checks that the rows added to `cases` match the 303 answers wrk counted.
#
# Environment:
#   DURATION     wrk duration per run (default 15s)
#   CONNECTIONS  open connections (default 32)
#   THREADS      wrk threads (default 2)
#   TIMEOUT      wrk per-request timeout (default 12s: longer than the server's 10 s SQLite
#                busy_timeout, so slow answers count in the latency instead of vanishing)
#   PORT         port to listen on (default: a free one)
#   DB_DIR       parent folder for the temporary database (default: $TMPDIR or /tmp). It must
#                be on a real disk: on tmpfs fsync is free and the POST figures mean nothing.
#   SKIP_BUILD=1 use target/release/navdesk as it is
#   RUST_LOG     passed to the server (default: the server's own, which logs every request)
#
# Targets (2 cores): GET >= 20000 req/s; POST >= 1000 submissions/s with p99 < 50 ms;
# peak RSS < 100 MB.

set -euo pipefail

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
TIMEOUT=${TIMEOUT:-12s}

GET_TARGET_RPS=20000
POST_TARGET_RPS=1000
POST_TARGET_P99_MS=50
RSS_TARGET_MB=100

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BIN="$ROOT/target/release/navdesk"
LUA="$ROOT/scripts/load_post.lua"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing wrk"
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        die "wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk)"
    fi
fi
command -v curl >/dev/null 2>&1 || die "curl is needed"
if ! command -v sqlite3 >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing sqlite3 (for the rows-vs-303 check)"
    apt-get install -y sqlite3 >/dev/null 2>&1 || say "could not install sqlite3; that check will be skipped"
fi
HAVE_SQLITE3=0
command -v sqlite3 >/dev/null 2>&1 && HAVE_SQLITE3=1

# --- build -------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "cargo build --release (the first build takes several minutes)"
    cargo build --release
fi
[ -x "$BIN" ] || die "$BIN not found; run cargo build --release"

# --- temporary database and server ---------------------------------------------------------
WORK=$(mktemp -d "${DB_DIR:-${TMPDIR:-/tmp}}/navdesk-load.XXXXXX")
DB="$WORK/navdesk.db"
SERVER_PID=""
WRK_PID=""

cleanup() {
    local status=$?
    if [ -n "$WRK_PID" ]; then
        kill "$WRK_PID" 2>/dev/null || true
        wait "$WRK_PID" 2>/dev/null || true
    fi
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fstype=$(findmnt -n -o FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK" 2>/dev/null || echo unknown)
case "$fstype" in
    tmpfs|ramfs) say "WARNING: $WORK is on $fstype: fsync costs nothing there, so POST figures overstate a real disk (set DB_DIR)";;
esac

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "${PORT:-}" ]; then
    for _ in $(seq 50); do
        PORT=$((20000 + RANDOM % 40000))
        port_in_use "$PORT" || break
    done
fi
port_in_use "$PORT" && die "port $PORT is already in use"
BASE="http://127.0.0.1:$PORT"

say "starting navdesk on $BASE (database in $WORK)"
# wrk stands for a proxy in front of many residents: each POST carries its own X-Forwarded-For
# (scripts/load_post.lua), so the per-address limit on requests for help counts each one.
NAVDESK_TRUSTED_PROXIES=127.0.0.1/32 \
"$BIN" serve --demo --addr "127.0.0.1:$PORT" --database-url "sqlite://$DB" \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for i in $(seq 300); do
    if curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; die "the server exited"; }
    [ "$i" -eq 300 ] && { tail -20 "$WORK/server.log" >&2; die "the server was not ready after 30 s"; }
    sleep 0.1
done

# --- sanity checks (these also warm the page cache) ----------------------------------------
GET_HEADERS=(-H "Accept-Encoding: gzip, deflate, br, zstd" -H "Accept-Language: en-US,en;q=0.9"
             -H "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
code=$(curl -sS -o "$WORK/help.gz" -D "$WORK/help.headers" -w '%{http_code}' "${GET_HEADERS[@]}" "$BASE/help")
enc=$(awk 'tolower($1) == "content-encoding:" { sub(/\r$/, "", $2); print $2 }' "$WORK/help.headers")
size=$(wc -c <"$WORK/help.gz")
[ "$code" = 200 ] || die "GET /help answered $code"
say "GET /help: $code, content-encoding ${enc:-none}, $size bytes on the wire"

sample_body="name=Load+Check&phone=303-555-0100&contact_method=sms&sms_consent=yes&zip=80205&needs=internet&language=en"
code=$(curl -sS -o "$WORK/post.html" -w '%{http_code}' -H "Content-Type: application/x-www-form-urlencoded" \
    --data "$sample_body" "$BASE/help")
if [ "$code" != 303 ]; then
    grep -o 'class="[^"]*error[^"]*"[^<]*<[^>]*>[^<]*' "$WORK/post.html" | head -5 >&2 || true
    die "POST /help with the sample form answered $code, not 303"
fi

# --- helpers -------------------------------------------------------------------------------
clk_tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0; }

# Latency as wrk prints it (e.g. 812.00us, 3.21ms, 1.02s) -> milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
        printf "%.2f", n }'
}
field() { # field FILE REGEX AWK-FIELD
    awk -v re="$2" -v f="$3" '$0 ~ re { print $f; exit }' "$1"
}

run_wrk() { # run_wrk NAME OUTFILE wrk-args...
    local name=$1 out=$2; shift 2
    local t0 t1 c0 c1
    say "$name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
    c0=$(cpu_ticks); t0=$(date +%s.%N)
    # In the background and waited for, so that Ctrl-C or SIGTERM reaches the trap at once.
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency "$@" >"$out" &
    WRK_PID=$!
    wait "$WRK_PID"
    WRK_PID=""
    t1=$(date +%s.%N); c1=$(cpu_ticks)
    # Average cores the server kept busy (user + system) while wrk ran.
    awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$clk_tck" \
        'BEGIN { printf "%.2f", (c1 - c0) / hz / (t1 - t0) }' >"$out.cpu"
    sed 's/^/    /' "$out" >&2
}

# --- GET /help -----------------------------------------------------------------------------
run_wrk "GET /help" "$WORK/get.txt" "${GET_HEADERS[@]}" "$BASE/help"
get_rps=$(field "$WORK/get.txt" '^Requests/sec:' 2)
get_p99=$(to_ms "$(field "$WORK/get.txt" '^ +99%' 2)")
get_p50=$(to_ms "$(field "$WORK/get.txt" '^ +50%' 2)")
get_non23=$(field "$WORK/get.txt" 'Non-2xx or 3xx' 5); get_non23=${get_non23:-0}
get_sockerr=$(grep -m1 'Socket errors' "$WORK/get.txt" | sed 's/^ *//' || true)
get_cpu=$(cat "$WORK/get.txt.cpu")

# --- POST /help ----------------------------------------------------------------------------
count_cases() { sqlite3 -cmd ".timeout 10000" "$DB" "SELECT count(*) FROM cases;"; }
[ "$HAVE_SQLITE3" = 1 ] && cases_before=$(count_cases)

run_wrk "POST /help" "$WORK/post.txt" -s "$LUA" "$BASE/help"
post_rps=$(field "$WORK/post.txt" '^Requests/sec:' 2)
post_p99=$(to_ms "$(field "$WORK/post.txt" '^ +99%' 2)")
post_p50=$(to_ms "$(field "$WORK/post.txt" '^ +50%' 2)")
post_non23=$(field "$WORK/post.txt" 'Non-2xx or 3xx' 5); post_non23=${post_non23:-0}
post_sockerr=$(grep -m1 'Socket errors' "$WORK/post.txt" | sed 's/^ *//' || true)
post_303=$(field "$WORK/post.txt" '^status_303 ' 2); post_303=${post_303:-0}
post_other=$(field "$WORK/post.txt" '^status_other ' 2); post_other=${post_other:-0}
post_codes=$(awk '/^status_[0-9]+ / && $1 != "status_303" { sub(/^status_/, "", $1); printf "%s%s x%s", sep, $1, $2; sep = ", " }' "$WORK/post.txt")
post_cpu=$(cat "$WORK/post.txt.cpu")
# wrk's rate scaled by the share of 303s among the answers it counted.
post_total=$(awk '/ requests in / { print $1; exit }' "$WORK/post.txt")
post_303_rps=$(awk -v r="$post_rps" -v n="$post_303" -v t="${post_total:-0}" 'BEGIN { printf "%.2f", (t > 0 ? r * n / t : 0) }')

# --- memory --------------------------------------------------------------------------------
sleep 1 # let requests still in flight when wrk stopped finish
kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; die "the server died during the run"; }
rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')

# --- rows vs 303s --------------------------------------------------------------------------
rows_note=""
if [ "$HAVE_SQLITE3" = 1 ]; then
    cases_after=$(count_cases)
    rows=$((cases_after - cases_before))
    diff=$((rows - post_303))
    if [ "$diff" -eq 0 ]; then
        rows_note="OK: equal"
    elif [ "$diff" -gt 0 ] && [ "$diff" -le "$CONNECTIONS" ]; then
        rows_note="OK: $diff more rows than 303s, at most one per connection: requests committed after wrk stopped reading"
    else
        rows_note="MISMATCH: $diff"
    fi
else
    rows="n/a"
    rows_note="skipped: no sqlite3 CLI (apt-get install sqlite3)"
fi

# --- report --------------------------------------------------------------------------------
verdict() { # verdict OK-CONDITION
    if awk "BEGIN { exit !($1) }"; then echo PASS; else echo MISS; fi
}
get_v=$(verdict "$get_rps >= $GET_TARGET_RPS")
post_v=$(verdict "$post_303_rps >= $POST_TARGET_RPS && $post_p99 < $POST_TARGET_P99_MS")
rss_v=$(verdict "$rss_mb < $RSS_TARGET_MB")

echo
echo "navdesk load test: $(nproc) CPUs, wrk -t$THREADS -c$CONNECTIONS -d$DURATION on the same machine, database on $fstype"
echo
printf '%-30s %12s %10s %10s %10s  %-6s %s\n' "measure" "req/s" "p50 ms" "p99 ms" "srv cores" "target" ""
printf '%-30s %12s %10s %10s %10s  %-6s %s\n' "GET /help (gzip)" "$get_rps" "$get_p50" "$get_p99" "$get_cpu" "$get_v" ">= $GET_TARGET_RPS req/s"
printf '%-30s %12s %10s %10s %10s  %-6s %s\n' "POST /help (303s only)" "$post_303_rps" "$post_p50" "$post_p99" "$post_cpu" "$post_v" ">= $POST_TARGET_RPS/s, p99 < $POST_TARGET_P99_MS ms"
printf '%-30s %12s\n' "POST /help (all answers)" "$post_rps"
printf '%-30s %12s %43s  %-6s %s\n' "peak RSS (VmHWM)" "$rss_mb MB" "" "$rss_v" "< $RSS_TARGET_MB MB"
echo
echo "GET  non-2xx/3xx answers: $get_non23${get_sockerr:+; $get_sockerr}"
echo "POST 303 answers: $post_303; other answers: $post_other${post_codes:+ ($post_codes)}; wrk non-2xx/3xx: $post_non23${post_sockerr:+; $post_sockerr}"
echo "POST rows added to cases: $rows vs 303 answers: $post_303 ($rows_note)"
