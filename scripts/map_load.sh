#!/usr/bin/env bash
# The supervisor's service-gap map and reports at city scale, run from the repository root:
#
#   scripts/map_load.sh
#   CASES=100000 NAVIGATORS=200 REQUESTS=10 scripts/map_load.sh
#   KEEP_DB=1 scripts/map_load.sh                  # seed once and keep the database; prints its URL
#   DATABASE_URL=sqlite:///path/to/navdesk.db SKIP_BUILD=1 scripts/map_load.sh   # measure again, no reseeding
#   DATABASE_URL=postgres://user:pass@127.0.0.1/navdesk_mapload scripts/map_load.sh   # an empty database
#
# Builds the release binary, makes a fresh SQLite database, imports Denver's 78 statistical
# neighborhoods (AREAS_GEOJSON, property NBHD_NAME), fills it with `navdesk seed-load` (CASES cases
# over three years, NAVIGATORS navigators with their areas), starts the server, signs in as the
# supervisor and measures the latency of single requests, one at a time (not throughput): for
# each page below, one warm-up request, then REQUESTS sequential ones, printing the HTTP status,
# the size of the answer and the median, p90 and maximum time. A page that answers 404 (not built
# yet) or an error is reported and the script goes on. Last come the database's size and the
# server's resident memory.
#
# Re-measuring without reseeding: a DATABASE_URL that already holds load-test data (made by an
# earlier run with KEEP_DB=1, or by `navdesk seed-load`) is used as it is; an empty one is seeded.
# With KEEP_DB=1 the SQLite file this script makes is kept (its URL is printed at the end);
# without it the temporary folder is removed.
#
# Targets (2 cores, 1,000,000 cases over 78 neighborhoods): /map < 200 ms, /reports for a year
# < 500 ms, /equity p99 < 100 ms. "first" is the warm-up request's time (for /equity, the
# figures being made).
#
# Environment: CASES (1000000), NAVIGATORS (300), REQUESTS (30), SEED (1), AREAS_GEOJSON
# (default: ../shared/data/denver_statistical_neighborhoods.geojson, relative to the repository
# root), DATABASE_URL (default: a new SQLite file in a temporary folder), DB_DIR (parent of that
# folder), KEEP_DB=1 (keep that folder), SKIP_BUILD=1 (use target/release/navdesk as it is),
# EXTRA_URLS (more paths to measure, separated by spaces, e.g. "/cases /cases?waiting=7"),
# LOAD_PASSWORD (the seeded accounts' password: needed to re-use a database this script did not
# seed, such as a PostgreSQL one; a SQLite database it seeded keeps it in a file beside it).

set -euo pipefail

CASES=${CASES:-1000000}
NAVIGATORS=${NAVIGATORS:-300}
REQUESTS=${REQUESTS:-30}
SEED=${SEED:-1}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BIN="$ROOT/target/release/navdesk"
AREAS_GEOJSON=${AREAS_GEOJSON:-"$ROOT/../shared/data/denver_statistical_neighborhoods.geojson"}

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || die "curl is needed"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "cargo build --release (the first build takes several minutes)"
    cargo build --release
fi
[ -x "$BIN" ] || die "$BIN not found; run cargo build --release"

WORK=$(mktemp -d "${DB_DIR:-${TMPDIR:-/tmp}}/navdesk-map-load.XXXXXX")
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
    if [ "${KEEP_DB:-0}" = 1 ] && [ -z "${DATABASE_URL:-}" ]; then
        # Keep the database; the server's log and cookie jars go.
        rm -f "$WORK"/*.jar "$WORK/server.log" "$WORK/seed.err"
        say "kept the database: DATABASE_URL=$DB_URL"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The password of the seeded accounts is kept next to a database this script seeds, so a later
# run on the same database can sign in again.
PASSWORD_FILE=""
case "$DB_URL" in
    sqlite://*) PASSWORD_FILE="${DB_URL#sqlite://}"; PASSWORD_FILE="${PASSWORD_FILE%%\?*}.load-password" ;;
esac

# Seeds when the database has no load-test data yet. `seed-load` refuses a database that has it,
# which is how an already seeded one is recognized.
SEEDED_NOW=0
if [ -n "$PASSWORD_FILE" ] && [ -s "$PASSWORD_FILE" ]; then
    PASSWORD=$(cat "$PASSWORD_FILE")
    say "re-using the load-test data in $DB_URL"
else
    PASSWORD=${LOAD_PASSWORD:-"load-test-password-$RANDOM$RANDOM"}
    [ -f "$AREAS_GEOJSON" ] || die "$AREAS_GEOJSON not found (set AREAS_GEOJSON)"
    say "importing neighborhoods from $AREAS_GEOJSON"
    "$BIN" --database-url "$DB_URL" import-areas "$AREAS_GEOJSON" --name-property NBHD_NAME >&2
    say "seeding $CASES cases and $NAVIGATORS navigators"
    started=$(date +%s.%N)
    if printf '%s\n' "$PASSWORD" | "$BIN" --database-url "$DB_URL" seed-load --cases "$CASES" --navigators "$NAVIGATORS" --seed "$SEED" >&2 2>"$WORK/seed.err"; then
        SEEDED_NOW=1
        cat "$WORK/seed.err" >&2
        SEED_SECS=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
        [ -n "$PASSWORD_FILE" ] && (umask 077 && printf '%s\n' "$PASSWORD" >"$PASSWORD_FILE")
    elif grep -q 'already has load-test data' "$WORK/seed.err"; then
        # Seeded by someone else: their password comes in LOAD_PASSWORD.
        [ -n "${LOAD_PASSWORD:-}" ] || die "$DB_URL already has load-test data: set LOAD_PASSWORD to its password"
        say "re-using the load-test data in $DB_URL"
    else
        cat "$WORK/seed.err" >&2
        die "seeding failed"
    fi
fi

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
SUP_COOKIE=$(sign_in supervisor@load.navdesk.example)
[ -n "$SUP_COOKIE" ] || die "no session cookie"

TODAY=$(date -u +%F)
YEAR_AGO=$(date -u -d '1 year ago' +%F)
THREE_YEARS_AGO=$(date -u -d '3 years ago' +%F)
URLS=(
    /map
    "/map?metric=unmet"
    "/map?metric=median_wait"
    "/map?need=device&language=es"
    "/map?from=$YEAR_AGO&to=$TODAY"
    /map.geojson
    /map.csv
    "/reports?from=$YEAR_AGO&to=$TODAY"
    "/reports?from=$THREE_YEARS_AGO&to=$TODAY"
    "/reports.csv?from=$YEAR_AGO&to=$TODAY"
    # The public equity dashboard (no sign-in needed; the cookie changes nothing): its figures
    # are made at most once a minute, so "first" is the cost of making them, the rest of
    # reusing them.
    /equity
    "/equity?lang=ar"
    /equity.csv
)
# shellcheck disable=SC2206 # EXTRA_URLS is a list separated by spaces.
[ -n "${EXTRA_URLS:-}" ] && URLS+=(${EXTRA_URLS})

# Prints the q-th quantile (0..1) of the numbers on stdin: the nearest rank.
quantile() { sort -n | awk -v q="$1" '{ v[NR] = $1 } END { i = int(q * NR + 0.999999); if (i < 1) i = 1; print v[i] }'; }

RESULTS=()
measure() {
    local path=$1 out code bytes times=()
    say "GET $path: 1 warm-up and $REQUESTS requests"
    # With compression, as a browser asks: the sizes are what travels.
    out=$(curl -sS -o /dev/null -H "Cookie: $SUP_COOKIE" -H 'Accept-Encoding: gzip' \
        -w '%{http_code} %{size_download} %{time_total}' "$BASE$path") || out="000 0 0"
    local first
    read -r code bytes first <<<"$out"
    if [ "$code" != 200 ]; then
        RESULTS+=("$(printf '%-48s %4s %10s  (not measured)' "$path" "$code" "$bytes")")
        return
    fi
    for _ in $(seq "$REQUESTS"); do
        times+=("$(curl -sS -o /dev/null -H "Cookie: $SUP_COOKIE" -H 'Accept-Encoding: gzip' \
            -w '%{time_total}' "$BASE$path")")
    done
    local ms median p90 p99 max
    ms=$(printf '%s\n' "${times[@]}" | awk '{ printf "%.1f\n", $1 * 1000 }')
    median=$(quantile 0.5 <<<"$ms")
    p90=$(quantile 0.9 <<<"$ms")
    p99=$(quantile 0.99 <<<"$ms")
    max=$(quantile 1 <<<"$ms")
    first=$(awk -v s="$first" 'BEGIN { printf "%.1f", s * 1000 }')
    RESULTS+=("$(printf '%-48s %4s %10s %9s %9s %9s %9s %9s' "$path" "$code" "$bytes" "$first" "$median" "$p90" "$p99" "$max")")
}
for url in "${URLS[@]}"; do
    measure "$url"
done

case "$DB_URL" in
    sqlite://*)
        file="${DB_URL#sqlite://}"; file="${file%%\?*}"
        DB_SIZE=$(du -ch "$file" "$file-wal" 2>/dev/null | awk 'END { print $1 }')
        ;;
    *)
        DB_SIZE=$(command -v psql >/dev/null 2>&1 &&
            psql "$DB_URL" -Atc 'SELECT pg_size_pretty(pg_database_size(current_database()))' 2>/dev/null || echo unknown)
        ;;
esac
RSS=$(awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo unknown)

echo
echo "navdesk map and reports: $CASES cases, $NAVIGATORS navigators, $REQUESTS requests each, $(nproc) cores"
[ "$SEEDED_NOW" = 1 ] && echo "seeded in ${SEED_SECS} s"
printf '%-48s %4s %10s %9s %9s %9s %9s %9s\n' "GET" "code" "bytes" "first ms" "p50 ms" "p90 ms" "p99 ms" "max ms"
printf '%s\n' "${RESULTS[@]}"
echo "database size: $DB_SIZE"
echo "server RSS: $RSS"
