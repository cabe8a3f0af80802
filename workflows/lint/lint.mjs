// Lints the BPMN models with @camunda/linting: installs the locked dependencies when needed, bundles
// lint-models.js with esbuild (the linter's ES modules only load from a bundle), and runs the bundle.
// Usage: node lint.mjs [models folder, default ../bpmn]. Exits non-zero on any error or no-bpmndi finding.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
const stamp = join(modules, '.cityflow-lock-sha256');

function lockHash() {
  return createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
}

// `npm ci` only when node_modules is missing or was installed from another package-lock.json.
function ensureDependencies() {
  const wanted = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) {
    return;
  }
  console.log('Installing lint dependencies with npm ci ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('npm ci failed');
    process.exit(install.status ?? 1);
  }
  writeFileSync(stamp, wanted + '\n');
}

ensureDependencies();

const { build } = await import(pathToFileURL(join(modules, 'esbuild', 'lib', 'main.js')).href);
const outDir = join(modules, '.cache', 'cityflow-lint');
const outfile = join(outDir, 'lint-models.bundle.mjs');
mkdirSync(outDir, { recursive: true });

await build({
  entryPoints: [join(here, 'lint-models.js')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile,
  logLevel: 'warning',
  // Some bundled CommonJS packages call require(); give the ES module bundle one.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }
});

const modelsDir = process.argv[2] || join(here, '..', 'bpmn');
const run = spawnSync(process.execPath, [outfile, modelsDir], { stdio: 'inherit' });
process.exit(run.status ?? 1);
