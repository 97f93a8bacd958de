import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A production `serverless package` / `deploy` stops before building or calling AWS when a setting is empty or
// the placeholder of serverless.yml (infra/serverless/require-settings.cjs). `npm run check:package` packages
// prod with stand-in values (package.json); this file packages it once without them.
const root = resolve(import.meta.dirname, '../..');
const { settingProblems } = createRequire(import.meta.url)('../../infra/serverless/require-settings.cjs') as {
  settingProblems: (env: Record<string, string>) => string[];
};
const complete = {
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_REMINDER_TEMPLATE_ID: 'tmpl-reminder',
  WECHAT_CHECKIN_TEMPLATE_ID: 'tmpl-checkin',
  DINGTALK_APP_KEY: 'dingabc',
  PUBLIC_BASE_URL: 'https://lianyan.school.cn',
  CORS_ORIGINS: 'https://lianyan.school.cn, https://admin.school.cn',
};

describe('production settings', () => {
  it('are complete with every id, key and a real https origin', () => {
    expect(settingProblems(complete)).toEqual([]);
  });

  it('name each empty id or key, and the placeholder, non-https or malformed origins', () => {
    const problems = settingProblems({
      ...complete,
      WECHAT_APP_ID: '',
      DINGTALK_APP_KEY: ' ',
      WECHAT_CHECKIN_TEMPLATE_ID: '',
      PUBLIC_BASE_URL: 'https://lianyan.example.cn',
      CORS_ORIGINS: 'https://lianyan.school.cn,http://admin.school.cn,not a url',
    }).join('\n');
    for (const name of ['WECHAT_APP_ID', 'DINGTALK_APP_KEY', 'WECHAT_CHECKIN_TEMPLATE_ID']) expect(problems).toContain(`${name} (`);
    expect(problems).not.toContain('WECHAT_REMINDER_TEMPLATE_ID');
    expect(problems).toMatch(/PUBLIC_BASE_URL=https:\/\/lianyan.example.cn is the placeholder/);
    expect(problems).toMatch(/CORS_ORIGINS=http:\/\/admin.school.cn must be https/);
    expect(problems).toMatch(/CORS_ORIGINS="not a url" is not a URL/);
    expect(settingProblems({ ...complete, CORS_ORIGINS: '' }).join()).toContain('CORS_ORIGINS is empty');
  });

  it('stop `serverless package --stage prod` before anything is built', () => {
    const out = join(tmpdir(), `lianyan-prod-unset-${process.pid}`);
    const env: NodeJS.ProcessEnv = { ...process.env, WECHAT_APP_ID: '', DINGTALK_APP_KEY: '', WECHAT_REMINDER_TEMPLATE_ID: '' };
    delete env.PUBLIC_BASE_URL; // the placeholder of serverless.yml
    const run = spawnSync('npx', ['serverless', 'package', '--stage', 'prod', '--region', 'cn-northwest-1', '--package', out], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    const output = run.stdout + run.stderr;
    expect(run.status, output).not.toBe(0);
    expect(output).toContain('Stage prod is not ready to deploy');
    for (const name of ['WECHAT_APP_ID', 'DINGTALK_APP_KEY', 'WECHAT_REMINDER_TEMPLATE_ID', 'PUBLIC_BASE_URL']) expect(output).toContain(name);
    expect(existsSync(out)).toBe(false);
  }, 180_000);

  it('reach the functions of the prod package `npm run check:package` made with them', () => {
    const template = JSON.parse(readFileSync(resolve(root, '.serverless-prod/cloudformation-template-update-stack.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { Environment?: { Variables: Record<string, string> } } }>;
    };
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const f of functions) {
      const v = f.Properties.Environment!.Variables;
      expect(settingProblems(v)).toEqual([]);
    }
  });
});
