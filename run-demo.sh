#!/usr/bin/env bash
# FetchBox observability demo: builds the project, starts an Iggy broker (the testkit, unless
# IGGY_ADDRESS names a real one), a small local HTTP origin, the sample API and the sample
# worker, submits a sample job and prints where to look next. Ctrl-C stops everything.
#
# Needs only JDK 17+ (and network access to Maven Central for the first build).
#
# Environment (all optional):
#   IGGY_ADDRESS          host:port of a running Iggy server (default: start the testkit on IGGY_PORT)
#   IGGY_USERNAME, IGGY_PASSWORD   credentials (default iggy / iggy)
#   IGGY_PORT             port of the testkit broker (default 8090)
#   API_PORT              sample API port (default 8080)
#   WORKER_PORT           sample worker port (default 8081)
#   WORKER_METRICS_PORT   sample worker Actuator port (default 9091)
#   ORIGIN_PORT           demo HTTP origin port (default 8099)
#   DEMO_DIR              working directory for data and logs (default ./demo-data)
#   SKIP_BUILD=1          reuse the jars already built
#   DEMO_EXIT_AFTER_JOB=1 stop everything once the sample job has finished (for scripted runs)
set -euo pipefail

cd "$(dirname "$0")"
ROOT="$(pwd)"

IGGY_PORT="${IGGY_PORT:-8090}"
API_PORT="${API_PORT:-8080}"
WORKER_PORT="${WORKER_PORT:-8081}"
WORKER_METRICS_PORT="${WORKER_METRICS_PORT:-9091}"
ORIGIN_PORT="${ORIGIN_PORT:-8099}"
DEMO_DIR="${DEMO_DIR:-$ROOT/demo-data}"
IGGY_USERNAME="${IGGY_USERNAME:-iggy}"
IGGY_PASSWORD="${IGGY_PASSWORD:-iggy}"
LOG_DIR="$DEMO_DIR/logs"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[31mrun-demo: %s\033[0m\n' "$*" >&2; exit 1; }

command -v java >/dev/null 2>&1 || fail "java not found: install JDK 17 or later and put it on the PATH"
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)"
[ "${JAVA_MAJOR:-0}" -ge 17 ] 2>/dev/null || fail "JDK 17 or later needed (found java.specification.version=${JAVA_MAJOR:-unknown})"

# --- HTTP helper: curl when present, otherwise a tiny Java client (JDK 11+ runs source files) ---
HTTP_JAVA="$DEMO_DIR/.http/Http.java"
http() { # http METHOD URL [JSON_BODY] -> prints "STATUS BODY"
	if command -v curl >/dev/null 2>&1; then
		local out status
		if [ "$1" = POST ]; then
			out="$(curl -s -m 10 -w '\n%{http_code}' -H 'Content-Type: application/json' -X POST --data "$3" "$2" || true)"
		else
			out="$(curl -s -m 10 -w '\n%{http_code}' "$2" || true)"
		fi
		status="${out##*$'\n'}"
		printf '%s %s\n' "${status:-000}" "${out%$'\n'*}"
	else
		java "$HTTP_JAVA" "$@" 2>/dev/null || echo "000 "
	fi
}
write_http_java() {
	mkdir -p "$(dirname "$HTTP_JAVA")"
	cat > "$HTTP_JAVA" <<'JAVA'
import java.net.URI;
import java.net.http.*;
import java.time.Duration;
public class Http {
	public static void main(String[] a) throws Exception {
		HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(a[1])).timeout(Duration.ofSeconds(10));
		if (a[0].equals("POST")) r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(a[2]));
		try {
			HttpResponse<String> s = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
			System.out.println(s.statusCode() + " " + s.body());
		} catch (Exception e) { System.out.println("000 "); }
	}
}
JAVA
}

# --- process management: every child is ours, stopped by pid on exit or Ctrl-C ---
PIDS=()
NAMES=()
start() { # start NAME WORKDIR command...
	local name="$1" dir="$2"
	shift 2
	mkdir -p "$dir" "$LOG_DIR"
	(cd "$dir" && exec "$@") >"$LOG_DIR/$name.log" 2>&1 &
	PIDS+=("$!")
	NAMES+=("$name")
	echo "    $name (pid $!), log: $LOG_DIR/$name.log"
}
stop_all() {
	trap - INT TERM EXIT
	[ "${#PIDS[@]}" -eq 0 ] && return
	say "Stopping (graceful shutdown: in-flight tasks finish, job logs and status are flushed)"
	local i
	for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
		kill -TERM "${PIDS[$i]}" 2>/dev/null || true
		# Stop in reverse order: worker, API, origin, broker last so the others can flush to it.
		for _ in $(seq 1 60); do
			kill -0 "${PIDS[$i]}" 2>/dev/null || break
			sleep 0.5
		done
		if kill -0 "${PIDS[$i]}" 2>/dev/null; then
			echo "    ${NAMES[$i]} did not stop in 30s: killing it"
			kill -KILL "${PIDS[$i]}" 2>/dev/null || true
		else
			echo "    ${NAMES[$i]} stopped"
		fi
	done
	PIDS=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

alive_or_fail() { # alive_or_fail INDEX
	kill -0 "${PIDS[$1]}" 2>/dev/null || fail "${NAMES[$1]} exited; last lines of $LOG_DIR/${NAMES[$1]}.log:
$(tail -n 30 "$LOG_DIR/${NAMES[$1]}.log")"
}

wait_http() { # wait_http NAME_INDEX URL EXPECTED_STATUS_REGEX SECONDS
	local deadline=$((SECONDS + $4)) response
	while [ $SECONDS -lt $deadline ]; do
		alive_or_fail "$1"
		response="$(http GET "$2")"
		if [[ "${response%% *}" =~ ^($3)$ ]]; then return 0; fi
		sleep 1
	done
	fail "${NAMES[$1]} not ready after $4s ($2 answered '${response%% *}'); see $LOG_DIR/${NAMES[$1]}.log"
}

wait_port() { # wait_port NAME_INDEX HOST PORT SECONDS
	local deadline=$((SECONDS + $4))
	while [ $SECONDS -lt $deadline ]; do
		alive_or_fail "$1"
		if (exec 3<>"/dev/tcp/$2/$3") 2>/dev/null; then return 0; fi
		sleep 0.5
	done
	fail "${NAMES[$1]} is not listening on $2:$3 after $4s; see $LOG_DIR/${NAMES[$1]}.log"
}

jar() { # jar GLOB -> the single matching file
	local matches=()
	shopt -s nullglob
	matches=($1)
	shopt -u nullglob
	[ "${#matches[@]}" -ge 1 ] || fail "no $1: the build did not produce it"
	echo "${matches[0]}"
}

# --- build: one progress line on a terminal, the full Maven log in a file ---
build_progress() { # reads Maven output; shows the module being built
	local line module='^\[INFO\] Building (.*[^ ]) +[^ ]+ +\[([0-9]+)/([0-9]+)\]$'
	while IFS= read -r line; do
		if [ -t 1 ] && [[ "$line" =~ $module ]]; then
			printf '\r    [%s/%s] %-60.60s' "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}" "${BASH_REMATCH[1]}"
		fi
	done
	if [ -t 1 ]; then printf '\r%-72s\r' ''; fi
}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	mkdir -p "$LOG_DIR"
	say "Building (./mvnw -B -ntp -DskipTests package, log: $LOG_DIR/build.log)"
	BUILD_STARTED=$SECONDS
	if ! ./mvnw -B -ntp -DskipTests package 2>&1 | tee "$LOG_DIR/build.log" | build_progress; then
		grep -E '^\[ERROR\]' "$LOG_DIR/build.log" | head -n 20 >&2 || true
		fail "the build failed; the full log is $LOG_DIR/build.log"
	fi
	echo "    built in $((SECONDS - BUILD_STARTED))s"
fi
TESTKIT_JAR="$(jar "fetchbox-iggy-testkit/target/fetchbox-iggy-testkit-*[0-9T].jar")"
API_JAR="$(jar "sample-api/target/sample-api-*-exec.jar")"
WORKER_JAR="$(jar "sample-worker/target/sample-worker-*[0-9T].jar")"
CLI_JAR="$(ls fetchbox-iggy-cli/target/fetchbox-iggy-cli-*.jar 2>/dev/null | grep -v -e sources -e original | head -n 1 || true)"

mkdir -p "$DEMO_DIR" "$LOG_DIR"
command -v curl >/dev/null 2>&1 || write_http_java

# --- start everything ---
say "Starting services"
if [ -n "${IGGY_ADDRESS:-}" ]; then
	echo "    using the Iggy server at $IGGY_ADDRESS"
else
	IGGY_ADDRESS="127.0.0.1:$IGGY_PORT"
	start iggy-testkit "$DEMO_DIR/iggy" java -jar "$ROOT/$TESTKIT_JAR" --port "$IGGY_PORT" --data-dir "$DEMO_DIR/iggy/data"
	wait_port $((${#PIDS[@]} - 1)) 127.0.0.1 "$IGGY_PORT" 60
fi
# Secrets go to the services through their environment (readable by this user only), not
# their command lines (which 'ps' shows to everyone); Boot binds FETCHBOX_TELEMETRY_* vars.
export FETCHBOX_TELEMETRY_IGGY_PASSWORD="$IGGY_PASSWORD"
COMMON=(--fetchbox.telemetry.iggy.address="$IGGY_ADDRESS" --fetchbox.telemetry.iggy.username="$IGGY_USERNAME"
	--fetchbox.telemetry.environment=demo)

start demo-origin "$DEMO_DIR/origin" java -jar "$ROOT/$WORKER_JAR" --demo-origin --port="$ORIGIN_PORT"
ORIGIN_INDEX=$((${#PIDS[@]} - 1))
# A fresh operator password per run, for the SSE log tail (never a default baked into a file).
OPERATOR_PASSWORD="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
# (Both fields of the credential from one source: Boot binds a list from a single source.)
FETCHBOX_TELEMETRY_OPERATOR_CREDENTIALS_0_USERNAME=operator \
	FETCHBOX_TELEMETRY_OPERATOR_CREDENTIALS_0_PASSWORD="$OPERATOR_PASSWORD" \
	start sample-api "$DEMO_DIR/api" java -jar "$ROOT/$API_JAR" --server.port="$API_PORT" "${COMMON[@]}"
API_INDEX=$((${#PIDS[@]} - 1))
# "localhost" is routed through a proxy pool that does not exist, to show the fallback to direct.
start sample-worker "$DEMO_DIR/worker" java -jar "$ROOT/$WORKER_JAR" --server.port="$WORKER_PORT" \
	--fetchbox.telemetry.metrics-addr="127.0.0.1:$WORKER_METRICS_PORT" \
	--fetchbox.sample.worker.proxy.pools.broken=127.0.0.1:9 \
	--fetchbox.sample.worker.proxy.routes.localhost=broken,direct "${COMMON[@]}"
WORKER_INDEX=$((${#PIDS[@]} - 1))

wait_port "$ORIGIN_INDEX" 127.0.0.1 "$ORIGIN_PORT" 60
echo "    waiting for the API and the worker to start (first start can take a minute)..."
wait_http "$API_INDEX" "http://127.0.0.1:$API_PORT/jobs/none" '404' 180
wait_port "$WORKER_INDEX" 127.0.0.1 "$WORKER_PORT" 180
for _ in $(seq 1 60); do
	grep -q 'Consuming jobs.tasks' "$LOG_DIR/sample-worker.log" 2>/dev/null && break
	alive_or_fail "$WORKER_INDEX"
	sleep 1
done

# --- submit a sample job ---
ORIGIN="http://127.0.0.1:$ORIGIN_PORT"
JOB='{"job_type": "demo", "tenant": "acme", "resources": [
 {"resource_id": "readme", "url": "'"$ORIGIN"'/files/readme.txt"},
 {"resource_id": "report", "url": "'"$ORIGIN"'/files/report.txt", "headers": {"Accept": "text/plain"}},
 {"resource_id": "image", "url": "'"$ORIGIN"'/files/image.txt"},
 {"resource_id": "slow", "url": "'"$ORIGIN"'/slow/slow.txt?ms=2000"},
 {"resource_id": "flaky", "url": "'"$ORIGIN"'/flaky/flaky.txt"},
 {"resource_id": "via-proxy", "url": "http://localhost:'"$ORIGIN_PORT"'/files/via-proxy.txt"},
 {"resource_id": "missing", "url": "'"$ORIGIN"'/missing/gone.txt"}]}'
say "Submitting a sample job: POST http://127.0.0.1:$API_PORT/jobs"
RESPONSE="$(http POST "http://127.0.0.1:$API_PORT/jobs" "$JOB")"
echo "    ${RESPONSE#* }"
[ "${RESPONSE%% *}" = 202 ] || fail "the API answered ${RESPONSE%% *}; see $LOG_DIR/sample-api.log"
JOB_ID="$(printf '%s' "${RESPONSE#* }" | sed -n 's/.*"job_id" *: *"\([^"]*\)".*/\1/p')"

say "Waiting for job $JOB_ID"
STATUS=""
for _ in $(seq 1 90); do
	STATUS="$(http GET "http://127.0.0.1:$API_PORT/jobs/$JOB_ID")"
	case "$STATUS" in
		*JOB_STATE_COMPLETED* | *JOB_STATE_PARTIAL* | *JOB_STATE_FAILED*) break ;;
	esac
	sleep 1
done
echo "    ${STATUS#* }"

IGGY_HOST="${IGGY_ADDRESS%:*}"
say "What to look at next"
cat <<EOF
  Job status      curl http://127.0.0.1:$API_PORT/jobs/$JOB_ID
  Submit another  curl -H 'Content-Type: application/json' -d '{"job_type":"demo","tenant":"acme","resources":[{"url":"$ORIGIN/files/more.txt"}]}' http://127.0.0.1:$API_PORT/jobs
  API metrics     curl http://127.0.0.1:$API_PORT/metrics
  Worker metrics  curl http://127.0.0.1:$WORKER_METRICS_PORT/metrics
  Readiness       curl http://127.0.0.1:$API_PORT/health/ready    curl http://127.0.0.1:$WORKER_PORT/health/ready
  Job logs (CLI)  IGGY_ADDRESS=$IGGY_ADDRESS java -jar ${CLI_JAR:-fetchbox-iggy-cli/target/fetchbox-iggy-cli-*.jar} tail-logs --job-id $JOB_ID --follow
  Job logs (SSE)  curl -N -u operator:$OPERATOR_PASSWORD http://127.0.0.1:$API_PORT/operator/jobs/$JOB_ID/logs
  Service logs    $LOG_DIR/{sample-api,sample-worker}.log (JSON lines; grep $JOB_ID)
  Stored objects  $DEMO_DIR/worker/data/objects/acme/$JOB_ID/
  Status updates  IGGY_ADDRESS=$IGGY_ADDRESS java -jar ${CLI_JAR:-fetchbox-iggy-cli/target/fetchbox-iggy-cli-*.jar} tail-status --job-id $JOB_ID
EOF

if [ "${DEMO_EXIT_AFTER_JOB:-0}" = 1 ]; then
	case "$STATUS" in
		*JOB_STATE_COMPLETED* | *JOB_STATE_PARTIAL* | *JOB_STATE_FAILED*) exit 0 ;;
		*) fail "job $JOB_ID did not finish within 90s" ;;
	esac
fi
say "Running. Press Ctrl-C to stop everything."
while true; do
	for i in "${!PIDS[@]}"; do alive_or_fail "$i"; done
	sleep 2
done
