// Loading a CommonJS bundle with a V8 code cache, as dist/server.js does for the language server
// (server/boot/main.js, ARCHITECTURE.md "Speed"): the cache lives in the user's own cache folder,
// keyed by the bundle's size and time and by the Node version; V8 checks it and ignores it when it
// does not fit. Anything wrong (no cache folder, a read-only disk) only means a load without the cache.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';

function cacheFile(file: string, name: string): string | null {
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
    return path.join(base, 'nianbao', `${name}-${key}.v8cache`);
  } catch {
    return null;
  }
}

/**
 * Run the CommonJS bundle `file` and return its exports. `save()`, called once the bundle has done
 * its work (so that the functions it compiled on the way are in the cache too), writes the cache
 * when there was none or V8 refused it.
 */
export function requireWithCodeCache<T>(file: string, name: string): { exports: T; save: () => void } {
  const cache = process.env.NIANBAO_NO_CODE_CACHE ? null : cacheFile(file, name);
  let cachedData: Buffer | undefined;
  try {
    if (cache) cachedData = fs.readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = { exports: {} as T };
  const req = Module.createRequire(file);
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
  const save = () => {
    if (!cache || (cachedData && !script.cachedDataRejected)) return;
    try {
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      const tmp = `${cache}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cache);
      // The caches of other versions of the bundle are of no more use.
      const mine = new RegExp(`^${name}-.*\\.v8cache$`);
      for (const old of fs.readdirSync(path.dirname(cache))) {
        if (mine.test(old) && old !== path.basename(cache)) fs.rmSync(path.join(path.dirname(cache), old), { force: true });
      }
    } catch {
      // A load without the cache next time.
    }
  };
  return { exports: mod.exports, save };
}
