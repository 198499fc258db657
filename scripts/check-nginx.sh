#!/usr/bin/env bash
# Fails unless the nginx in front of the portal is one that receives security fixes (docs/security.md,
# "Which nginx to run"): Debian 12's package at least at the security update this project was last tested
# with (Debian backports fixes into its 1.22.1), or an nginx.org build of a maintained line (1.28 or newer).
set -euo pipefail
DEBIAN_MINIMUM=1.22.1-9+deb12u12
UPSTREAM_MINIMUM=1.28.0
packaged=$(dpkg-query -W -f='${Version}' nginx-common 2>/dev/null || true)
if [[ -n "$packaged" && "$packaged" == *deb12u* ]]; then
  if dpkg --compare-versions "$packaged" lt "$DEBIAN_MINIMUM"; then
    echo "nginx $packaged is older than Debian's security update $DEBIAN_MINIMUM: apt-get update && apt-get install nginx" >&2
    exit 1
  fi
  echo "nginx: Debian package $packaged (security updates from bookworm-security)"
  exit 0
fi
version=$(nginx -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')
if [[ -z "$version" ]] || ! dpkg --compare-versions "$version" ge "$UPSTREAM_MINIMUM"; then
  echo "nginx ${version:-not found} is not a maintained line: run Debian 12's package ($DEBIAN_MINIMUM or newer) or nginx.org's $UPSTREAM_MINIMUM or newer" >&2
  exit 1
fi
echo "nginx: $version (nginx.org)"
