#!/usr/bin/env bash
# Runs the full test command N times in a row while a CPU burner keeps every core busy, then
# reports passes and failures per test class, the duration of each run and the load average.
#
#   scripts/soak-tests.sh [N] [-- maven arguments]
#
#   N                       runs (default 5)
#   maven arguments         replace the default "-B -ntp verify" (e.g. -- -B -ntp -pl sample-worker -am verify)
#
# Environment (all optional):
#   SOAK_BURNERS            busy loops to run (default: nproc, one per core; 0 = no burner)
#   SOAK_MAX_SECONDS        hard cap on the burner's life (default: 30 minutes per run)
#   SOAK_DIR                where logs and test reports go (default: target/soak/<time>)
#
# The burner is a set of plain shell busy loops started by this script; each one is wrapped
# in 'timeout', so it stops by itself at SOAK_MAX_SECONDS even if this script is killed, and
# the script stops them on exit (normal end, failure or Ctrl-C).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"

RUNS="${1:-5}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N] [-- maven arguments]" >&2; exit 2; }
shift || true
[ "${1:-}" = "--" ] && shift
MAVEN_ARGS=("$@")
[ "${#MAVEN_ARGS[@]}" -eq 0 ] && MAVEN_ARGS=(-B -ntp verify)

BURNERS="${SOAK_BURNERS:-$(nproc)}"
MAX_SECONDS="${SOAK_MAX_SECONDS:-$((RUNS * 1800))}"
SOAK_DIR="${SOAK_DIR:-$ROOT/target/soak/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$SOAK_DIR"

BURNER_PIDS=()
SAMPLER_PID=""
stop_burner() {
	if [ -n "$SAMPLER_PID" ]; then
		kill "$SAMPLER_PID" 2>/dev/null || true
		SAMPLER_PID=""
	fi
	local pid
	for pid in "${BURNER_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${BURNER_PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	BURNER_PIDS=()
}
trap stop_burner EXIT
trap 'exit 130' INT TERM

start_burner() {
	local i
	for ((i = 0; i < BURNERS; i++)); do
		timeout "$MAX_SECONDS" bash -c 'while :; do :; done' &
		BURNER_PIDS+=("$!")
	done
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# Samples the 1-minute load average every 10 s into a file while a run goes on.
sample_load() { # sample_load FILE
	while :; do
		cut -d' ' -f1 /proc/loadavg >>"$1"
		sleep 10
	done
}

# One line per test class: "class tests failures errors skipped", counted from the test
# cases of its JUnit XML report (the suite's own counts are 0 for @Nested classes).
summarize_reports() { # summarize_reports DIR
	local file
	for file in "$1"/*/TEST-*.xml; do
		[ -e "$file" ] || continue
		printf '%s %s %s %s %s\n' "$(basename "$file" .xml | sed 's/^TEST-//')" \
			"$(grep -c '<testcase ' "$file")" "$(grep -c '<failure[ >]' "$file")" \
			"$(grep -c '<error[ >]' "$file")" "$(grep -c '<skipped[ />]' "$file")"
	done
}

echo "soak: $RUNS x ./mvnw ${MAVEN_ARGS[*]} with $BURNERS busy loop(s) (cap ${MAX_SECONDS}s); logs in $SOAK_DIR"
echo "soak: load average before: $(load_average)"
if [ -r /proc/self/status ] && (( 0x$(awk '/^SigIgn:/ {print $2}' /proc/self/status) & 2 )); then
	echo "soak: SIGINT is ignored here (started in the background without job control): the CLI's Ctrl-C test will skip"
fi
[ "$BURNERS" -gt 0 ] && start_burner

SUMMARY="$SOAK_DIR/summary.txt"
: >"$SUMMARY"
failed_runs=0
for ((run = 1; run <= RUNS; run++)); do
	run_dir="$SOAK_DIR/run-$run"
	mkdir -p "$run_dir/reports"
	sample_load "$run_dir/load.txt" &
	sampler=$!
	SAMPLER_PID=$sampler
	touch "$run_dir/started"
	started=$SECONDS
	if ./mvnw "${MAVEN_ARGS[@]}" >"$run_dir/build.log" 2>&1; then result=PASS; else result=FAIL; failed_runs=$((failed_runs + 1)); fi
	duration=$((SECONDS - started))
	kill "$sampler" 2>/dev/null || true
	wait "$sampler" 2>/dev/null || true
	SAMPLER_PID=""
	# Keep the reports this run wrote (not older ones of modules it did not reach), nested
	# modules (http-overhead-benchmark/runner) included.
	for reports in */target/surefire-reports */target/failsafe-reports \
		*/*/target/surefire-reports */*/target/failsafe-reports; do
		[ -d "$reports" ] || continue
		module="${reports%/target/*}"
		kept="$run_dir/reports/${module//\//-}-${reports##*/}"
		mkdir -p "$kept"
		find "$reports" -maxdepth 1 -name 'TEST-*.xml' -newer "$run_dir/started" -exec cp {} "$kept/" \;
	done
	summarize_reports "$run_dir/reports" >"$run_dir/classes.txt"
	load="$(awk '{ s += $1; if ($1 > m) m = $1 } END { if (NR) printf "mean %.1f, max %.1f", s / NR, m }' "$run_dir/load.txt")"
	line="run $run: $result in $((duration / 60))m$((duration % 60))s, load average $load"
	echo "soak: $line"
	echo "$line" >>"$SUMMARY"
	if [ "$result" = FAIL ]; then
		grep -E '^\[ERROR\] (Tests run:|Failures:|Errors:|  )|FAILURE|BUILD FAILURE' "$run_dir/build.log" | head -n 20 | sed 's/^/      /'
	fi
done
stop_burner

# Per test class over all runs: runs in which the class passed / failed.
echo >>"$SUMMARY"
cat "$SOAK_DIR"/run-*/classes.txt | awk '
	{ tests[$1] += $2; bad = ($3 + $4 > 0); if (bad) failed[$1]++; else passed[$1]++; skipped[$1] += $5 }
	END {
		for (c in tests) printf "%-90s passed %d, failed %d, tests %d, skipped %d\n", c, passed[c], failed[c], tests[c], skipped[c]
	}' | sort >"$SOAK_DIR/classes.txt"
classes_failed="$(grep -c 'failed [1-9]' "$SOAK_DIR/classes.txt" || true)"
{
	echo "test classes: $(wc -l <"$SOAK_DIR/classes.txt"), with a failure in some run: $classes_failed"
	grep 'failed [1-9]' "$SOAK_DIR/classes.txt" || true
} | tee -a "$SUMMARY"
echo "soak: $((RUNS - failed_runs)) of $RUNS runs passed; per class: $SOAK_DIR/classes.txt"
[ "$failed_runs" -eq 0 ]
