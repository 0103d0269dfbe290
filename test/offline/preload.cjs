// Loaded with `node --require test/offline/preload.cjs` by test/unit/offline.test.ts: every way a
// Node program reaches outside the machine (sockets, HTTP(S), HTTP/2, TLS, DNS, UDP, fetch, child
// processes) is replaced by a function that records the attempt in $NIANBAO_OFFLINE_LOG and
// throws. A reader that tried to fetch a font, a script, a remote or `file:` link would leave a line.
'use strict';
const fs = require('node:fs');
const log = process.env.NIANBAO_OFFLINE_LOG;

function refuse(what) {
  return function refused() {
    const line = `${what} ${JSON.stringify([...arguments].map((a) => (typeof a === 'function' ? 'fn' : a)).slice(0, 2)).slice(0, 300)}\n`;
    if (log) fs.appendFileSync(log, line);
    throw new Error(`offline test: ${what} is not allowed`);
  };
}

function patch(name, keys) {
  const mod = require(name);
  for (const k of keys) {
    if (typeof mod[k] !== 'function') continue;
    const f = refuse(`${name}.${k}`);
    try {
      mod[k] = f;
    } catch {
      Object.defineProperty(mod, k, { value: f, configurable: true, writable: true });
    }
  }
  return mod;
}

const net = patch('node:net', ['connect', 'createConnection']);
net.Socket.prototype.connect = refuse('net.Socket.connect');
patch('node:http', ['request', 'get']);
patch('node:https', ['request', 'get']);
patch('node:http2', ['connect']);
patch('node:tls', ['connect']);
patch('node:dgram', ['createSocket']);
const dns = patch('node:dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'reverse']);
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) dns.promises[k] = refuse(`dns.promises.${k}`);
patch('node:child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
globalThis.fetch = refuse('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = refuse('WebSocket');
