#!/usr/bin/env bash
# Staff pages at city scale, run from the repository root:
#
#   scripts/staff_load.sh
#   CASES=100000 NAVIGATORS=200 CONNECTIONS=16 DURATION=15s scripts/staff_load.sh
#   DATABASE_URL=postgres://user:pass@127.0.0.1/navdesk_load scripts/staff_load.sh   # an empty database
#
# Builds the release binary, fills a fresh database with `navdesk seed-load` (CASES cases over three
# years, NAVIGATORS navigators with their areas), starts the server, signs in as a navigator
# and as the supervisor, and measures with wrk (on the same machine), CONNECTIONS open
# connections each:
#   1. GET /cases                        as a navigator (their cases by what is due, and their queue)
#   2. GET /cases                        as the supervisor (all open cases, with counts)
#   3. GET /cases?need=device&language=es&waiting=7  as the supervisor (filtered)
#   4. GET /cases/{id} for random ids    as the supervisor (each view is also written to the audit log)
#   5. the lending screens, when the server has them (issue 18): GET /devices, GET /devices
#      filtered (hotspots available), GET /devices/{id} for random ids, as the supervisor, over
#      DEVICES devices (default 10,000) with their loans (a third out to open cases, some
#      overdue; gifts; many returned before), which `seed-load` adds
# and prints requests/s and the latency percentiles wrk reports. Each is run three ways:
#   - flat out: each connection sends its next request the moment an answer arrives. This gives
#     the throughput; on 2 cores shared with wrk the latency is then mostly queueing.
#   - at a desk's load (the bar): each connection pauses PACE_MS on average (default 150 ms,
#     drawn between 0 and 300 ms before each request) between requests, so the 16 connections
#     ask about 100 pages a second: every one of 200 navigators opening a page every two
#     seconds, far more than a help desk does.
#   - under stress: a pause of STRESS_PACE_MS on average (default 20 ms), about 640 pages a
#     second, near the throughput, so the latency there shows how queueing grows as the server
#     fills up.
# The pauses are drawn at random: with a fixed pause the connections stay in step, and every
# pace 16 pages arrive in the same millisecond (the last waits for the 15 before it, about
# 20 ms on 2 cores, whatever the page costs).
#
# Target (2 cores, 100,000 cases, 200 navigators, 16 connections at a desk's load): p99 < 20 ms
# for /cases, a case page and the lending screens (with 10,000 devices).
#
# Environment: CASES, NAVIGATORS, DEVICES (10000), CONNECTIONS (16), DURATION (15s), THREADS (2), PACE_MS,
# STRESS_PACE_MS, DATABASE_URL
# (default: a new SQLite file in a temporary folder), DB_DIR (parent of that folder),
# SKIP_BUILD=1 (use target/release/navdesk as it is).

set -euo pipefail

CASES=${CASES:-100000}
NAVIGATORS=${NAVIGATORS:-200}
DEVICES=${DEVICES:-10000}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
PACE_MS=${PACE_MS:-150}
STRESS_PACE_MS=${STRESS_PACE_MS:-20}
PASSWORD="load-test-password-$RANDOM$RANDOM"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BIN="$ROOT/target/release/navdesk"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing wrk"
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        die "wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk)"
    fi
fi
command -v curl >/dev/null 2>&1 || die "curl is needed"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "cargo build --release (the first build takes several minutes)"
    cargo build --release
fi
[ -x "$BIN" ] || die "$BIN not found; run cargo build --release"

WORK=$(mktemp -d "${DB_DIR:-${TMPDIR:-/tmp}}/navdesk-staff-load.XXXXXX")
DB_URL=${DATABASE_URL:-"sqlite://$WORK/navdesk.db"}
SERVER_PID=""
cleanup() {
    local status=$?
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

say "seeding $CASES cases, $NAVIGATORS navigators and $DEVICES devices"
printf '%s\n' "$PASSWORD" | "$BIN" --database-url "$DB_URL" seed-load --cases "$CASES" --navigators "$NAVIGATORS" \
    --devices "$DEVICES" >&2
# Three years of cases hold many closed long enough for retention to clear; a running server
# clears them within the hour of its start. Done here first, so the measurement reads the steady
# state rather than racing that first clearing's writes.
say "clearing what retention clears, as a running server would have"
"$BIN" --database-url "$DB_URL" retention >&2

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 50); do
    PORT=$((20000 + RANDOM % 40000))
    port_in_use "$PORT" || break
done
BASE="http://127.0.0.1:$PORT"
say "starting navdesk on $BASE"
RUST_LOG=${RUST_LOG:-warn} "$BIN" --database-url "$DB_URL" serve --addr "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 300); do
    curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; die "the server exited"; }
    [ "$i" -eq 300 ] && die "the server was not ready after 30 s"
    sleep 0.1
done

# Signs in and prints the session cookie as a Cookie header value.
sign_in() {
    local jar="$WORK/$1.jar"
    local token
    token=$(curl -fsS -c "$jar" "$BASE/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    [ -n "$token" ] || die "no CSRF token on /login"
    local code
    code=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
        --data-urlencode "csrf_token=$token" --data-urlencode "email=$1" --data-urlencode "password=$PASSWORD" "$BASE/login")
    [ "$code" = 303 ] || die "signing in as $1 answered $code"
    awk '$6 == "navdesk_session" { print "navdesk_session=" $7 }' "$jar"
}
NAV_COOKIE=$(sign_in nav0001@load.navdesk.example)
SUP_COOKIE=$(sign_in supervisor@load.navdesk.example)
[ -n "$NAV_COOKIE" ] && [ -n "$SUP_COOKIE" ] || die "no session cookie"

check() {
    local code
    code=$(curl -sS -o "$WORK/page.html" -w '%{http_code}' -H "Cookie: $1" "$BASE$2")
    [ "$code" = 200 ] || die "GET $2 answered $code"
}
check "$NAV_COOKIE" /cases
check "$SUP_COOKIE" /cases
check "$SUP_COOKIE" "/cases/$((CASES / 2))"
grep -q 'Timeline' "$WORK/page.html" || die "the case page has no timeline"

cat >"$WORK/case.lua" <<EOF
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/cases/" .. math.random(1, $CASES))
end
EOF
cat >"$WORK/device.lua" <<EOF
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/devices/" .. math.random(1, $DEVICES))
end
EOF
# Each connection pausing between requests: staff reading pages, not a benchmark flooding the
# server. pace.lua at a desk's load, stress.lua near the throughput.
# A pause drawn anew before each request, between 0 and twice the pace (so the pace on average):
# with one fixed pause the 16 connections march in step, 16 pages asked in the same millisecond
# every pace, and the last of each burst waits for the 15 before it on 2 cores. People at desks
# do not click in step.
pace_script() {
    printf 'math.randomseed(os.time() + math.floor(os.clock() * 1e6))\nfunction delay() return math.random(0, 2 * %s) end\n' "$2" >"$WORK/$1.lua"
    cat "$WORK/case.lua" "$WORK/$1.lua" >"$WORK/case_$1.lua"
    cat "$WORK/device.lua" "$WORK/$1.lua" >"$WORK/device_$1.lua"
}
pace_script pace "$PACE_MS"
pace_script stress "$STRESS_PACE_MS"

RESULTS=()
run() {
    local name=$1 cookie=$2 path=$3 script=${4:-}
    say "wrk -c$CONNECTIONS -d$DURATION: $name"
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $cookie" -H "Accept-Encoding: gzip")
    [ -n "$script" ] && args+=(-s "$script")
    local out
    out=$(wrk "${args[@]}" "$BASE$path")
    printf '%s\n' "$out" >&2
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx/ { print $5 }' <<<"$out")
    RESULTS+=("$(printf '%-48s %10s req/s   p50 %8s   p99 %8s   non-2xx %s' "$name" "$rps" "$p50" "$p99" "${errors:-0}")")
}
# The lending screens, once the inventory's pages are there.
devices_code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $SUP_COOKIE" "$BASE/devices")
LENDING=0
if [ "$DEVICES" -gt 0 ] && [ "$devices_code" = 200 ]; then
    LENDING=1
else
    say "GET /devices answered $devices_code: the lending screens are not measured"
fi

for load in "flat out" "desk load" "stress"; do
    case $load in
        "flat out") pace=""; case_script="$WORK/case.lua"; device_script="$WORK/device.lua" ;;
        "desk load") pace="$WORK/pace.lua"; case_script="$WORK/case_pace.lua"; device_script="$WORK/device_pace.lua" ;;
        *) pace="$WORK/stress.lua"; case_script="$WORK/case_stress.lua"; device_script="$WORK/device_stress.lua" ;;
    esac
    run "navigator GET /cases, $load" "$NAV_COOKIE" /cases "$pace"
    run "supervisor GET /cases, $load" "$SUP_COOKIE" /cases "$pace"
    run "supervisor GET /cases (filtered), $load" "$SUP_COOKIE" "/cases?need=device&language=es&waiting=7" "$pace"
    run "supervisor GET /cases/{random id}, $load" "$SUP_COOKIE" /cases/1 "$case_script"
    if [ "$LENDING" = 1 ]; then
        run "supervisor GET /devices, $load" "$SUP_COOKIE" /devices "$pace"
        run "supervisor GET /devices (filtered), $load" "$SUP_COOKIE" "/devices?kind=hotspot&status=available" "$pace"
        run "supervisor GET /devices/{random id}, $load" "$SUP_COOKIE" /devices/1 "$device_script"
    fi
done

echo
echo "navdesk staff pages: $CASES cases, $NAVIGATORS navigators, $DEVICES devices, $CONNECTIONS connections, $DURATION each, $(nproc) cores"
echo "desk load: pauses of $PACE_MS ms on average (0 to $((2 * PACE_MS)) ms at random) between requests on each connection; stress: $STRESS_PACE_MS ms on average"
printf '%s\n' "${RESULTS[@]}"
