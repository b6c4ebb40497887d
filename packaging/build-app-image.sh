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
# The image's launcher passes the JVM options a plain `java -jar syncer-console.jar` relaunches itself
# with (dev.syncer.app.Launcher.jvmOptions, for this JDK): asked of the jar, kept in one place.
java_options=()
while IFS= read -r option; do
    java_options+=(--java-options "$option")
done < <("$JAVA_HOME/bin/java" -cp target/input/syncer-console.jar dev.syncer.app.Launcher --jvm-options)
(( ${#java_options[@]} )) || { echo "syncer-console.jar printed no JVM options" >&2; exit 1; }
"$JAVA_HOME/bin/jpackage" @jpackage.args "${java_options[@]}" --runtime-image target/runtime --input target/input --dest target

# A desktop entry and icon beside the launcher, ready to copy into ~/.local/share/applications.
cp syncer-console.desktop target/SyncerConsole/
cp ../resources/icons/syncer-console.png target/SyncerConsole/
echo "app image: $(pwd)/target/SyncerConsole (run target/SyncerConsole/bin/SyncerConsole)"
