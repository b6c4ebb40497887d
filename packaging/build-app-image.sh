#!/usr/bin/env bash
# Builds a self-contained Syncer Console app image (a jlink'd runtime plus the console jar, icon and
# desktop entry) into packaging/target/SyncerConsole. Needs JAVA_HOME set to a JDK 21+ with jlink
# and jpackage. Run from anywhere: packaging/build-app-image.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"

(cd .. && mvn -q -B -ntp package -DskipTests)

rm -rf target
mkdir -p target/input
cp ../app/target/syncer-console.jar target/input/

"$JAVA_HOME/bin/jlink" @jlink.args --output target/runtime
"$JAVA_HOME/bin/jpackage" @jpackage.args --runtime-image target/runtime --input target/input --dest target

# A desktop entry and icon beside the launcher, ready to copy into ~/.local/share/applications.
cp syncer-console.desktop target/SyncerConsole/
cp ../resources/icons/syncer-console.png target/SyncerConsole/
echo "app image: $(pwd)/target/SyncerConsole (run target/SyncerConsole/bin/SyncerConsole)"
