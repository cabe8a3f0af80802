// Builds the pages into <out> (default target/classes/public): installs the locked dependencies when
// needed, bundles each page's script and styles with esbuild, and copies the HTML (with the shared
// parts of src/partials put in where a page says `<!-- include: <file> name="value" -->`), the message bundles
// the citizen start forms (forms/*-start.form, rendered by form-js exactly as they are) and the
// decision tables (workflows/dmn).
// Usage: node build.mjs [out]
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'target', 'classes', 'public'));
const modules = join(here, 'node_modules');
const stamp = join(modules, '.cityflow-lock-sha256');

// `npm ci` only when node_modules is missing or was installed from another package-lock.json.
function ensureDependencies() {
  const wanted = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) {
    return;
  }
  console.log('Installing web dependencies with npm ci ...');
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

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'forms'), { recursive: true });

// @camunda/linting loads the CommonJS bpmnlint-plugin-camunda-compat with a dynamic import and reads
// its named export `configs`. In a code-split ESM bundle that import only has `default`, and the
// owner console's lint failed on every model ("Cannot destructure ... as it is undefined"), so the
// plugin is re-exported by name.
const camundaCompatMain = createRequire(join(here, 'package.json')).resolve('bpmnlint-plugin-camunda-compat');
const camundaCompatNamedExports = {
  name: 'camunda-compat-named-exports',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^bpmnlint-plugin-camunda-compat$/ }, () => ({ path: 'camunda-compat', namespace: 'camunda-compat' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'camunda-compat' }, () => ({
      contents: `import plugin from ${JSON.stringify(camundaCompatMain)}; export const { configs, rules } = plugin; export default plugin;`,
      resolveDir: here
    }));
  }
};

await build({
  entryPoints: ['citizen', 'clerk', 'supervisor', 'owner', 'auth', 'verify'].map((page) => join(here, 'src', page + '.js')),
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  sourcemap: false,
  target: ['es2022'],
  outdir: join(out, 'assets'),
  // The diagram libraries ship their icon fonts as files referenced from their CSS.
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  plugins: [camundaCompatNamedExports],
  logLevel: 'warning'
});

// A line `<!-- include: staff-header.html page="clerk" -->` becomes src/partials/staff-header.html
// with {{page}} replaced by clerk. A missing partial or value stops the build.
function expandIncludes(html, page) {
  return html.replace(/^[ \t]*<!--\s*include:\s*([\w.-]+)((?:\s+[\w-]+="[^"]*")*)\s*-->\n/gm, (_, name, attributes) => {
    const values = Object.fromEntries([...attributes.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const partial = join(here, 'src', 'partials', name);
    if (!existsSync(partial)) {
      throw new Error(`${page}: no partial ${name}`);
    }
    return readFileSync(partial, 'utf8').replace(/\{\{(\w+)\}\}/g, (__, key) => {
      if (!(key in values)) {
        throw new Error(`${page}: include ${name} needs ${key}="..."`);
      }
      return values[key];
    });
  });
}

for (const file of readdirSync(join(here, 'src'))) {
  if (file.endsWith('.html')) {
    writeFileSync(join(out, file), expandIncludes(readFileSync(join(here, 'src', file), 'utf8'), file));
  }
}
cpSync(join(here, 'src', 'messages'), join(out, 'messages'), { recursive: true });
const forms = join(here, '..', '..', 'forms');
for (const file of readdirSync(forms)) {
  if (file.endsWith('-start.form')) {
    copyFileSync(join(forms, file), join(out, 'forms', file.replace(/\.form$/, '.json')));
  }
}
// The console shows the decision tables the models ship with.
mkdirSync(join(out, 'dmn'), { recursive: true });
const decisions = join(here, '..', '..', 'workflows', 'dmn');
for (const file of readdirSync(decisions)) {
  if (file.endsWith('.dmn')) {
    copyFileSync(join(decisions, file), join(out, 'dmn', file));
  }
}
console.log('Pages built into ' + out);
