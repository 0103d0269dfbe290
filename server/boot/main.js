// dist/server.js: starts the language server bundle (dist/server-main.js) with a V8 code cache, so
// that every start after the first skips compiling its 400 kB (ARCHITECTURE.md, "Speed"). The cache
// lives in the user's own cache folder, keyed by the bundle's size and time and by the Node version;
// V8 checks it and ignores it when it does not fit. Anything wrong (no cache folder, a read-only
// disk) only means a start without the cache. Plain JavaScript: it must not itself need compiling
// from a bundle.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'server-main.js');
const source = fs.readFileSync(file, 'utf8');

function cacheFile() {
  try {
    const home = os.homedir();
    const base =
      process.platform === 'win32'
        ? process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local')
        : process.platform === 'darwin'
          ? path.join(home, 'Library', 'Caches')
          : process.env.XDG_CACHE_HOME || path.join(home, '.cache');
    const stat = fs.statSync(file);
    const key = `${stat.size}-${Math.round(stat.mtimeMs)}-${process.version}-${process.arch}`;
    return path.join(base, 'nianbao', `server-${key}.v8cache`);
  } catch {
    return null;
  }
}

const cache = process.env.NIANBAO_NO_CODE_CACHE ? null : cacheFile();
let cachedData;
try {
  if (cache) cachedData = fs.readFileSync(cache);
} catch {
  cachedData = undefined;
}

const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const run = script.runInThisContext();
run.call(module.exports, module.exports, require, module, file, __dirname);

if (cache && (!cachedData || script.cachedDataRejected)) {
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    try {
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      const tmp = `${cache}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cache);
      // The caches of other versions of the bundle are of no more use.
      for (const old of fs.readdirSync(path.dirname(cache))) {
        if (/^server-.*\.v8cache$/.test(old) && old !== path.basename(cache)) fs.rmSync(path.join(path.dirname(cache), old), { force: true });
      }
    } catch {
      // A start without the cache next time.
    }
  };
  // After the first requests, so that the functions they compiled are in the cache too; or at exit,
  // for a server that lived less than that.
  setTimeout(write, 2000).unref();
  process.on('exit', write);
}
