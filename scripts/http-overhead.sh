#!/usr/bin/env bash
# HTTP overhead benchmark: builds the one-endpoint app four ways (bare Boot, bare + starter,
# hand-assembled Boot-native JSON logs + tracing, alone and with a hand-written access line, bare
# under the OpenTelemetry Java agent) and compares CPU per request, req/s, p99, startup, memory
# and log bytes per request side by side in alternating rounds.
# Needs Linux, 2+ cores, taskset and wrk. Runner options (--name=value) pass through, e.g.
#   scripts/http-overhead.sh --rounds=5 --duration=20
# Method and results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

AGENT_VERSION=2.31.1
JARS=http-overhead-benchmark/target/jars

./mvnw -B -ntp -q -pl http-overhead-benchmark/bare,http-overhead-benchmark/starter,http-overhead-benchmark/hand-assembled,http-overhead-benchmark/runner \
	-am package -DskipTests
mkdir -p "$JARS"
for variant in bare starter hand-assembled; do
	cp "http-overhead-benchmark/$variant/target/http-overhead-$variant-0.1.0-SNAPSHOT-exec.jar" "$JARS/http-overhead-$variant.jar"
done
if [ ! -f "$JARS/opentelemetry-javaagent.jar" ]; then
	./mvnw -B -ntp -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
		-Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION" \
		-DoutputDirectory="$JARS" -Dmdep.stripVersion=true
fi

exec java -cp http-overhead-benchmark/runner/target/classes \
	io.fetchbox.observability.benchmarks.http.HttpOverheadRunner --jars="$JARS" "$@"
