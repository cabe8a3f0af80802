// Bundled by lint.mjs with esbuild: @camunda/linting ships extension-less ES module imports that
// plain Node cannot resolve, so the linter only runs from a bundle.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { Linter } from '@camunda/linting';

const modelsDir = resolve(process.argv[2] || '../bpmn');

const files = readdirSync(modelsDir)
  .filter((name) => name.endsWith('.bpmn'))
  .sort();

if (files.length === 0) {
  console.error(`No .bpmn files in ${modelsDir}`);
  process.exit(1);
}

// The same linter Camunda Modeler (desktop) runs; the rule set comes from each model's
// modeler:executionPlatform and modeler:executionPlatformVersion.
const linter = new Linter({ modeler: 'desktop', type: 'cloud' });

let failures = 0;
let findingsTotal = 0;

for (const file of files) {
  const xml = readFileSync(join(modelsDir, file), 'utf8');
  const findings = await linter.lint(xml);
  findingsTotal += findings.length;
  for (const finding of findings) {
    const blocking = finding.category === 'error' || finding.rule === 'no-bpmndi';
    if (blocking) {
      failures++;
    }
    console.log(
      `${file}: ${finding.category} ${finding.rule} ${finding.id}: ${finding.message}` +
        (blocking ? '' : ' (not blocking)'));
  }
  if (findings.length === 0) {
    console.log(`${file}: ok`);
  }
}

console.log(
  `Linted ${files.length} models: ${findingsTotal} findings, ${failures} blocking (errors and no-bpmndi).`);
process.exit(failures > 0 ? 1 : 0);
