#!/usr/bin/env bash
# Fetch redis-py (Debian trixie's python3-redis, 6.x: the first Debian redis-py that speaks RESP3;
# bookworm's 4.3 does not) into DEST, unpacked, not installed, reusing the mirror this machine's apt
# already uses and leaving the system's apt configuration alone. PyPI is not reachable here.
#   fetch-redis-py.sh DEST  ->  DEST/usr/lib/python3/dist-packages/redis
# RedisPyResp3IT finds it in ~/.cache/syncer-console/peers/redis-py (or $REDIS_PY_PATH).
set -euo pipefail
dest=$(mkdir -p "$1" && cd "$1" && pwd)
uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1)
[ -n "$uri" ] || uri=$(awk '$1=="deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$uri" ] || { echo "no Debian mirror found in this machine's apt sources" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts"
printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' \
    "$uri" /usr/share/keyrings/debian-archive-keyring.gpg >"$work/parts/p.sources"
opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/parts" -o "Dir::State::Lists=$work/lists"
      -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
apt-get "${opts[@]}" -qq update
(cd "$work" && apt-get "${opts[@]}" -qq download python3-redis)
dpkg -x "$work"/python3-redis_*.deb "$dest"
PYTHONPATH="$dest/usr/lib/python3/dist-packages" python3 -c 'import redis; print("redis-py", redis.__version__)'
