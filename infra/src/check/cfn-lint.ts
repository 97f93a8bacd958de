// Lints CloudFormation templates with the npm `cfn-lint` and the current resource specification from
// `@aws-cdk/cfnspec`: cfn-lint's bundled specification dates from 2019 and flags every newer resource and property.
// The specification is swapped in memory (cfn-lint reads its own JSON through `require`, cached): node_modules
// stays as installed.
//   node --import tsx infra/src/check/cfn-lint.ts [template.json ...]   (default: the ci and prod packages)
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';

interface LintMessage {
  message: string;
  resource: string;
}
export interface LintResult {
  templateValid: boolean;
  errors: { crit: LintMessage[]; warn: LintMessage[]; info: LintMessage[] };
}
interface CfnLint {
  validateFile(path: string, options?: Record<string, unknown>): LintResult;
  resetValidator(): void;
}

const require = createRequire(import.meta.url);
let linter: CfnLint | undefined;

/** cfn-lint with the current specification in place of its bundled one (loaded once per process). */
function cfnLint(): CfnLint {
  if (linter) return linter;
  const current = require('@aws-cdk/cfnspec/spec/specification.json') as Record<string, unknown>;
  const bundled = require('cfn-lint/data/aws_resources_specification.json') as Record<string, unknown>;
  for (const key of Object.keys(bundled)) delete bundled[key];
  Object.assign(bundled, structuredClone(current));
  linter = require('cfn-lint/lib/validator') as CfnLint;
  return linter;
}

/** The template's errors ("crit") and warnings; a template with errors is invalid. */
export function lintTemplate(path: string): LintResult {
  const lint = cfnLint();
  lint.resetValidator();
  return lint.validateFile(path, { guessParameters: [] });
}

const root = resolve(import.meta.dirname, '../../..');
export const packagedTemplates = ['.serverless-ci', '.serverless-prod'].map((dir) =>
  resolve(root, dir, 'cloudformation-template-update-stack.json'),
);

const say = (line: string) => process.stdout.write(`${line}\n`);

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const files = process.argv.slice(2).length ? process.argv.slice(2).map((f) => resolve(f)) : packagedTemplates;
  let failed = false;
  for (const file of files) {
    const name = relative(process.cwd(), file);
    if (!existsSync(file)) {
      console.error(`cfn-lint: ${name} is missing — run serverless package first (npm run check:package)`);
      failed = true;
      continue;
    }
    const { errors, templateValid } = lintTemplate(file);
    for (const e of errors.crit) console.error(`  error   ${e.resource}: ${e.message}`);
    for (const e of errors.warn) console.warn(`  warning ${e.resource}: ${e.message}`);
    const ok = templateValid && errors.crit.length === 0;
    say(`cfn-lint: ${name}: ${errors.crit.length} errors, ${errors.warn.length} warnings${ok ? '' : ' — FAILED'}`);
    if (!ok) failed = true;
  }
  process.exitCode = failed ? 1 : 0;
}
