#!/usr/bin/env bash
# Stops a host started by start.sh: kills its whole process group (TERM, then KILL after 5 s),
# then removes the throw-away state dir (set KEEP_STATE=1 to keep it, e.g. to read code-server.log).
#   stop.sh STATE
set -uo pipefail
STATE=${1:?usage: stop.sh STATE}
[ -f "$STATE/pgid" ] || { echo "stop.sh: no $STATE/pgid" >&2; exit 1; }
PGID=$(cat "$STATE/pgid")
case $PGID in ''|*[!0-9]*|0|1) echo "stop.sh: bad pgid '$PGID'" >&2; exit 1 ;; esac
# Never signal our own group (or our caller's): only the group start.sh created.
if [ "$PGID" = "$(ps -o pgid= -p $$ | tr -d ' ')" ] || [ "$PGID" = "$(ps -o pgid= -p $PPID | tr -d ' ')" ]; then
  echo "stop.sh: refusing to kill process group $PGID: it is the caller's own" >&2; exit 1
fi
# The leader may be gone while children remain; if the leader is there, it must be the code-server host.
leader=$(tr '\0' ' ' < "/proc/$PGID/cmdline" 2>/dev/null || true)
if [ -n "$leader" ] && [[ $leader != *code-server/out/node/entry.js* ]]; then
  echo "stop.sh: process $PGID is not a code-server host (pid reused?); not killing" >&2; exit 1
fi
if kill -0 -- -"$PGID" 2>/dev/null; then
  kill -TERM -- -"$PGID" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 -- -"$PGID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 -- -"$PGID" 2>/dev/null; then kill -KILL -- -"$PGID" 2>/dev/null; sleep 0.2; fi
fi
if kill -0 -- -"$PGID" 2>/dev/null; then echo "stop.sh: process group $PGID still alive" >&2; exit 1; fi
[ "${KEEP_STATE:-0}" = 1 ] || rm -rf "$STATE"
exit 0
