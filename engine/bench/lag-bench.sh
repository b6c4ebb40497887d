#!/usr/bin/env bash
# Cross-cluster lag benchmark (not a test): the default lab on loopback, a sustained write load
# spread over the clusters at several rates, and the lag until marker writes made at east are
# visible at the other clusters. Needs JAVA_HOME pointing at JDK 21+. See engine/bench/README.md.
#   engine/bench/lag-bench.sh [seconds-per-rate=10] [rate...]   (default rates 1000 5000 10000 20000 40000)
#   LAG_LOAD=source puts the whole load at east, as the first version of this benchmark did.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -pl engine -am test-compile
mvn -q -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
"${JAVA_HOME:-/usr}/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${LAG_LOAD:+-Dlag.load=$LAG_LOAD} \
  -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)" \
  dev.syncer.engine.bench.CrossClusterLagBench "$@"
