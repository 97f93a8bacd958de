import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintTemplate, packagedTemplates } from '../../infra/src/check/cfn-lint.ts';

// The CloudFormation check of `npm run check:package` (infra/src/check/cfn-lint.ts) on what it packaged, and on
// copies with planted mistakes: the check can fail.
type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'lianyan-cfn-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const [ciTemplate] = packagedTemplates;
const original = () => JSON.parse(readFileSync(ciTemplate!, 'utf8')) as Template;
const firstOf = (t: Template, type: string) => Object.values(t.Resources).find((r) => r.Type === type)!;
function planted(name: string, plant: (t: Template) => void): string {
  const t = original();
  plant(t);
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(t));
  return file;
}
const errorsOf = (file: string) => lintTemplate(file).errors.crit.map((e) => `${e.resource}: ${e.message}`).join('\n');

// A lint of the 300-odd-resource template takes seconds, more on a loaded machine.
const LINT_MS = 60_000;

describe('CloudFormation lint (cfn-lint with the current resource specification)', () => {
  it('finds no error in the ci and prod templates', () => {
    for (const file of packagedTemplates) {
      const result = lintTemplate(file);
      expect(result.errors.crit, file).toEqual([]);
      expect(result.templateValid).toBe(true);
    }
  }, LINT_MS);

  it('fails on a property the resource does not have', () => {
    const file = planted('bad-property', (t) => {
      firstOf(t, 'AWS::DynamoDB::Table').Properties.BillingModes = 'PAY_PER_REQUEST';
    });
    expect(lintTemplate(file).templateValid).toBe(false);
    expect(errorsOf(file)).toMatch(/BillingModes/);
  }, LINT_MS);

  it('fails on a MemorySize that is not a number and on a GetAtt of an attribute that does not exist', () => {
    const file = planted('bad-types', (t) => {
      firstOf(t, 'AWS::Lambda::Function').Properties.MemorySize = 'lots';
      firstOf(t, 'AWS::CloudFront::Distribution').Properties.DistributionConfig = {
        ...(firstOf(t, 'AWS::CloudFront::Distribution').Properties.DistributionConfig as object),
        Comment: { 'Fn::GetAtt': ['WebBucket', 'NoSuchAttribute'] },
      };
    });
    const errors = errorsOf(file);
    expect(errors).toMatch(/MemorySize/);
    expect(errors).toMatch(/NoSuchAttribute/);
  }, LINT_MS);

  it('exits non-zero from the command line on a planted error', () => {
    const file = planted('cli', (t) => {
      firstOf(t, 'AWS::S3::Bucket').Properties.NotABucketProperty = true;
    });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/src/check/cfn-lint.ts', file], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/1 errors.*FAILED/);
    expect(run.stderr).toMatch(/NotABucketProperty/);
  }, 120_000);
});
