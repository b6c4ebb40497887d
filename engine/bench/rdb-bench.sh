#!/usr/bin/env bash
# RDB benchmark (not a test): SAVE and start-up load of N keys (default 1,000,000, 100-byte values)
# on our shard vs redis-server 7.0 on the same data, as ratios, and the latency of concurrent SETs
# while a BGSAVE runs. Needs redis-server on the PATH and JAVA_HOME pointing at JDK 21+.
#   engine/bench/rdb-bench.sh [keys]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -pl engine -am test-compile
mvn -q -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
"${JAVA_HOME:-/usr}/bin/java" -Xms3g -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)" \
  dev.syncer.engine.bench.RdbBench "$@"
