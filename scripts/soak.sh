#!/usr/bin/env bash
# Soak test for navdesk, run from the repository root:
#
#   scripts/soak.sh                                  # 10 minutes on a fresh SQLite database
#   DURATION=60s scripts/soak.sh                     # a short run
#   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres scripts/soak.sh
#
# A mixed workload for DURATION with no error and flat memory: residents sending the request
# form and opening their confirmation, people reading the landing page and the form, status
# look-ups, navigators and the supervisor reading caseloads and case pages, and Twilio's signed
# delivery reports for every text the server sends. The driver is `examples/soak.rs` (it also
# plays Twilio on 127.0.0.1; see its header for what it sends and checks).
#
# Builds the release binary and the driver, fills a fresh database with `navdesk seed-load`
# (SEED_CASES cases, SEED_NAVIGATORS navigators with their areas and a supervisor, all sharing a
# password made here), starts `navdesk serve` with texts going to the fake Twilio and trusting
# 127.0.0.1's X-Forwarded-For (each simulated resident has their own address), and runs the
# driver. It prints a line every 10 s (requests/errors/p50/p99 per kind, server RSS, texts sent,
# outbox backlog) and at the end the totals and the memory verdict; the exit status is 0 only
# with no error and flat memory (the RssAnon trend over the second half below
# MAX_SLOPE_MB_PER_MIN; VmRSS is printed too, but it counts SQLite's memory-mapped file pages).
#
# Environment:
#   DURATION         how long the load lasts (default 10m; 600, 90s, 10m)
#   WARMUP           when memory is first compared (default 2m, at most half of DURATION)
#   RATE_SUBMIT      POST /help per second, each followed by its confirmation page (100)
#   RATE_BROWSE      GET / and GET /help per second (50)
#   RATE_STATUS      POST /status per second (10)
#   RATE_STAFF       staff page views per second: /cases, /cases?page=2, /cases/{id} (20)
#   SMS_CONSENT      share of residents who agree to texts (0.7)
#   STAFF_NAVIGATORS navigators signed in besides the supervisor (4)
#   NAVDESK_SMS_RATE texts per second the server may send (300: confirmations in Amharic or Arabic
#                    take several segments, and at 100 the outbox falls behind 70 consents a second)
#   SEED_CASES, SEED_NAVIGATORS   seed-load's sizes (10000, 50)
#   MAX_SLOPE_MB_PER_MIN          the memory verdict's limit (1.0, i.e. 5 MB in 5 minutes)
#   DATABASE_URL     a PostgreSQL server: a new database `navdesk_soak_<random>` is created on it
#                    (createdb, or psql) and dropped at the end; or an empty database if neither
#                    tool is installed. Default: a new SQLite file in a temporary folder.
#   DB_DIR           parent folder for the temporary folder (default: $TMPDIR or /tmp)
#   PORT             the server's port (default: a free one)
#   SKIP_BUILD=1     use the binaries as they are
#   RUST_LOG         passed to the server (default: warn, kept in the temporary folder's log)
#   KEEP=1           keep the temporary folder (database and server log) and say where

set -euo pipefail

export DURATION=${DURATION:-10m}
SEED_CASES=${SEED_CASES:-10000}
SEED_NAVIGATORS=${SEED_NAVIGATORS:-50}
STAFF_NAVIGATORS=${STAFF_NAVIGATORS:-4}
PASSWORD="soak-test-password-$RANDOM$RANDOM"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET";; esac
BIN="$TARGET/release/navdesk"
DRIVER="$TARGET/release/examples/soak"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || die "curl is needed"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "cargo build --release, and the soak driver (the first build takes several minutes)"
    cargo build --release
    cargo build --release --example soak
fi
[ -x "$BIN" ] || die "$BIN not found; run cargo build --release"
[ -x "$DRIVER" ] || die "$DRIVER not found; run cargo build --release --example soak"

WORK=$(mktemp -d "${DB_DIR:-${TMPDIR:-/tmp}}/navdesk-soak.XXXXXX")
SERVER_PID=""
DRIVER_PID=""
PG_ADMIN_URL=""
PG_DB=""

cleanup() {
    local status=$?
    if [ -n "$DRIVER_PID" ] && kill -0 "$DRIVER_PID" 2>/dev/null; then
        kill "$DRIVER_PID" 2>/dev/null || true
        wait "$DRIVER_PID" 2>/dev/null || true
    fi
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$PG_DB" ]; then
        if command -v dropdb >/dev/null 2>&1; then
            dropdb --if-exists --maintenance-db="$PG_ADMIN_URL" "$PG_DB" 2>/dev/null \
                || say "could not drop the database $PG_DB"
        else
            psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$PG_DB\"" 2>/dev/null \
                || say "could not drop the database $PG_DB"
        fi
    fi
    if [ "${KEEP:-0}" = 1 ]; then
        say "kept $WORK (database and server.log)"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- database ------------------------------------------------------------------------------
if [ -n "${DATABASE_URL:-}" ]; then
    case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) die "DATABASE_URL must be postgres://...";; esac
    if command -v createdb >/dev/null 2>&1 || command -v psql >/dev/null 2>&1; then
        PG_ADMIN_URL=$DATABASE_URL
        name="navdesk_soak_$RANDOM$RANDOM"
        if command -v createdb >/dev/null 2>&1; then
            createdb --maintenance-db="$PG_ADMIN_URL" "$name" || die "createdb $name failed"
        else
            psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE \"$name\"" || die "CREATE DATABASE $name failed"
        fi
        PG_DB=$name
        # The same server and credentials, the new database (any query string is dropped).
        DB_URL="${DATABASE_URL%%\?*}"
        DB_URL="${DB_URL%/*}/$name"
        say "PostgreSQL: created the database $name"
    else
        DB_URL=$DATABASE_URL
        say "no createdb or psql: using $DB_URL as it is; it must be empty"
    fi
    DRIVER_DB_URL=$DB_URL
else
    DB="$WORK/navdesk.db"
    DB_URL="sqlite://$DB"
    DRIVER_DB_URL="sqlite://$DB?mode=ro"
fi

say "seeding $SEED_CASES cases and $SEED_NAVIGATORS navigators"
printf '%s\n' "$PASSWORD" | "$BIN" --database-url "$DB_URL" seed-load \
    --cases "$SEED_CASES" --navigators "$SEED_NAVIGATORS" >"$WORK/seed.log" 2>&1 \
    || { tail -20 "$WORK/seed.log" >&2; die "seed-load failed"; }

# --- ports ---------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 40000))
        port_in_use "$p" || { echo "$p"; return; }
    done
    die "no free port found"
}
PORT=${PORT:-$(free_port)}
port_in_use "$PORT" && die "port $PORT is already in use"
FAKE_PORT=$(free_port)
[ "$FAKE_PORT" = "$PORT" ] && FAKE_PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

# --- the driver (with the fake Twilio) first, then the server -------------------------------
navigators=$(seq -f "nav%04g@load.navdesk.example" 1 "$STAFF_NAVIGATORS" | paste -sd, -)
export TWILIO_ACCOUNT_SID="ACsoak$RANDOM"
export TWILIO_AUTH_TOKEN="soak-token-$RANDOM$RANDOM"
say "starting the driver (fake Twilio on 127.0.0.1:$FAKE_PORT)"
SOAK_BASE_URL=$BASE SOAK_FAKE_ADDR="127.0.0.1:$FAKE_PORT" SOAK_SERVER_PID_FILE="$WORK/server.pid" \
SOAK_PASSWORD=$PASSWORD SOAK_SUPERVISOR=supervisor@load.navdesk.example SOAK_NAVIGATORS=$navigators \
SOAK_SEED_CASES=$SEED_CASES SOAK_DATABASE_URL=$DRIVER_DB_URL \
    "$DRIVER" &
DRIVER_PID=$!

for i in $(seq 300); do
    port_in_use "$FAKE_PORT" && break
    kill -0 "$DRIVER_PID" 2>/dev/null || die "the driver exited"
    [ "$i" -eq 300 ] && die "the fake Twilio did not listen within 30 s"
    sleep 0.1
done

say "starting navdesk on $BASE (log in $WORK/server.log)"
RUST_LOG=${RUST_LOG:-warn} \
NAVDESK_PUBLIC_URL=$BASE \
NAVDESK_TRUSTED_PROXIES=127.0.0.1/32 \
NAVDESK_SMS_BASE_URL="http://127.0.0.1:$FAKE_PORT" \
NAVDESK_SMS_FROM=+13035550100 \
NAVDESK_SMS_RATE=${NAVDESK_SMS_RATE:-300} \
NAVDESK_AUTO_ASSIGN=${NAVDESK_AUTO_ASSIGN:-best} \
    "$BIN" --database-url "$DB_URL" serve --addr "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
echo "$SERVER_PID" >"$WORK/server.pid.tmp" && mv "$WORK/server.pid.tmp" "$WORK/server.pid"

# The driver waits for /readyz itself; here, only watch that the server does not die first.
status=0
wait "$DRIVER_PID" || status=$?
DRIVER_PID=""
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    say "the server exited; the end of its log:"
    tail -20 "$WORK/server.log" >&2
    status=1
fi
warnings=$(grep -c -E '\b(WARN|ERROR)\b' "$WORK/server.log" || true)
say "server log: $warnings warning or error lines"
grep -E '\b(WARN|ERROR)\b' "$WORK/server.log" | head -5 >&2 || true
exit "$status"
