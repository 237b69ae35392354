# Shared by scripts/bench.d/*: output folder, the concord binary, timing with peak RSS.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
BENCH_OUT="${BENCH_OUT:-$ROOT/bench-out}"
BENCHLIB="$ROOT/scripts/benchlib"
mkdir -p "$BENCH_OUT"
export BENCH_OUT BENCHLIB

# concord_bin: sets CONCORD to $CONCORD_BIN, or builds the release binary in the repository (quietly).
concord_bin() {
    if [ -n "${CONCORD_BIN:-}" ]; then
        CONCORD="$CONCORD_BIN"
    else
        local log
        log="$(mktemp)"
        if ! (cd "$ROOT" && swift build -c release --product concord-cli && swift build -c release --product concord) >"$log" 2>&1; then
            cat "$log" >&2; rm -f "$log"
            echo "bench: the release build failed (log above); set CONCORD_BIN to use another binary" >&2
            exit 2
        fi
        rm -f "$log"
        CONCORD="$ROOT/.build/release/concord"
    fi
    [ -x "$CONCORD" ] || { echo "bench: no concord binary at $CONCORD" >&2; exit 2; }
    export CONCORD
}

# timed OUT.time CMD...: runs CMD under /usr/bin/time -v (stdout and stderr kept by the caller); OUT.time
# gets time's report. Returns CMD's status.
timed() {
    local report="$1"; shift
    /usr/bin/time -v -o "$report" "$@"
}

# time_field REPORT wall|rss_kib|user|sys: one figure from a /usr/bin/time -v report (wall in seconds).
time_field() {
    python3 - "$1" "$2" <<'PY'
import sys
report, field = sys.argv[1], sys.argv[2]
values = {}
for line in open(report):
    key, _, value = line.strip().rpartition(": ")
    values[key] = value
if field == "wall":
    parts = [float(p) for p in values["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + p
    print(seconds)
elif field == "rss_kib":
    print(values["Maximum resident set size (kbytes)"])
elif field == "user":
    print(values["User time (seconds)"])
elif field == "sys":
    print(values["System time (seconds)"])
PY
}
