#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (clavis-bench): envelope encryption and base64, ECDSA
# signing against the JDK, RSA-OAEP decryption, the KMIP TTLV codec, policy decisions, and the key
# cache on a real node (KeyCacheBenchmark).
# Usage: bench/jmh.sh [JMH options...]   e.g. bench/jmh.sh PolicyBenchmark -f 1 -wi 2 -i 3
# Builds clavis-bench first if needed. Results are printed; add -rf json -rff out.json to keep them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="$("$ROOT/bin/find-jdk")/bin/java"
BENCH="$ROOT/clavis-bench/target"
if [ ! -f "$BENCH/classes/META-INF/BenchmarkList" ] || [ ! -d "$BENCH/lib" ]; then
  (cd "$ROOT" && ./mvnw -B -q package -pl clavis-bench -am -DskipTests -Djacoco.skip=true)
fi
exec "$JAVA" -cp "$BENCH/classes:$BENCH/lib/*" org.openjdk.jmh.Main "$@"
