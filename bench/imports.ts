import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XLSX_CONTENT_TYPE } from '@lianyan/shared';
import { xlsx } from '@lianyan/functions/lib/xlsx';
import type { EndpointCost } from '../infra/src/local/metrics.ts';
import { call, root, round, type StackChild } from './lib.ts';

// 教师名册导入 at a district's size: a 2,000-teacher file previewed and applied through HTTP and the real handlers,
// with the DynamoDB capacity each consumed (the local stack meters every command), and the memory the file work
// takes in a fresh process (at 2,000 and at the 20,000-row maximum).

const HEADER = ['姓名', '手机号', '职务', '学科', '任教年级', '称号'];
const SUBJECTS = ['语文', '数学', '英语', '科学', '音乐', '体育', '美术', '道德与法治'];
const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'];

export function rosterRows(count: number, phonePrefix: string) {
  return Array.from({ length: count }, (_, i) => [
    `教师${String(i).padStart(5, '0')}`,
    `${phonePrefix}${String(i).padStart(11 - phonePrefix.length, '0')}`,
    i % 20 === 0 ? '教研组长' : '教师',
    `${SUBJECTS[i % SUBJECTS.length]}、${SUBJECTS[(i + 3) % SUBJECTS.length]}`,
    GRADES[i % GRADES.length] as string,
    i % 9 === 0 ? '骨干教师' : '',
  ]);
}

async function metrics(stack: StackChild): Promise<Record<string, EndpointCost>> {
  return (await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>;
}

/** The preview's file work alone (unzip, read, check, pack) in a fresh Node process: its peak RSS above its start. */
function peakMemoryMB(rows: number): number {
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules/.cache/lianyan-bench-import-'));
  try {
    const file = join(dir, 'roster.xlsx');
    writeFileSync(file, xlsx([{ name: '教师名册', rows: [HEADER, ...rosterRows(rows, '135')] }]));
    const script = `
      import { readFileSync } from 'node:fs';
      import { gzipSync } from 'node:zlib';
      import { readXlsx } from '@lianyan/functions/lib/sheet-read';
      import { checkTeacherRows } from '@lianyan/functions/services/import-rows';
      const before = process.memoryUsage().rss;
      const sheet = readXlsx(readFileSync(${JSON.stringify(file)}), '教师名册');
      const checked = checkTeacherRows(sheet, { schoolId: 'sch-bench' });
      gzipSync(JSON.stringify(checked));
      if (checked.rows.length !== ${rows}) throw new Error('rows: ' + checked.rows.length + ' ' + JSON.stringify(checked.errors.slice(0, 3)));
      process.stdout.write(String((process.resourceUsage().maxRSS * 1024 - before) / 1048576));
    `;
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(root, 'functions'), encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`import memory: ${out.stderr.slice(0, 500)}`);
    return round(Number(out.stdout), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function importFigures(stack: StackChild, record: (key: string, value: number) => void, say: (line: string) => void) {
  const district = (await call<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: 'district-admin' })).body.token;
  const federation = await call<{ id: string }>(stack.url, 'POST', '/v1/federations', district, { name: `导入测速校联体${Date.now().toString(36).slice(-4)}`, kind: 'group' });
  const school = await call<{ id: string }>(stack.url, 'POST', `/v1/federations/${federation.body.id}/schools`, district, { name: '导入测速小学', stage: 'primary', isCore: true });
  const size = 2000;
  const bytes = xlsx([{ name: '教师名册', rows: [HEADER, ...rosterRows(size, `134${String(Date.now() % 1000).padStart(3, '0')}`)] }]);

  const preview = async (file = bytes) => {
    const ticket = await call<{ uploadId: string; url: string; headers: Record<string, string> }>(stack.url, 'POST', '/v1/uploads', district, {
      fileName: '教师名册.xlsx', contentType: XLSX_CONTENT_TYPE, size: file.length, purpose: 'import',
    });
    const put = await fetch(ticket.body.url.startsWith('/') ? `${stack.url}${ticket.body.url}` : ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: file });
    if (!put.ok) throw new Error(`import upload: ${put.status}`);
    await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
    const t = performance.now();
    const res = await call<{ id: string; summary: Record<string, number>; errors: unknown[] }>(stack.url, 'POST', '/v1/imports', district, { kind: 'teachers', schoolId: school.body.id, uploadId: ticket.body.uploadId });
    const ms = performance.now() - t;
    if (res.status !== 201 || res.body.errors.length) throw new Error(`import preview: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return { ms, id: res.body.id, summary: res.body.summary, cost: (await metrics(stack)).createImport! };
  };
  const apply = async (id: string) => {
    await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
    const t = performance.now();
    const res = await call<{ created: number; updated: number; unchanged: number }>(stack.url, 'POST', `/v1/imports/${id}/apply`, district);
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`import apply: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return { ms, result: res.body, cost: (await metrics(stack)).applyImport! };
  };

  // Warm-up: the import functions' first load, counted nowhere (a 10-row file, previewed and applied).
  await apply((await preview(xlsx([{ name: '教师名册', rows: [HEADER, ...rosterRows(10, '133999')] }]))).id);
  const first = await preview();
  const applied = await apply(first.id);
  const again = await apply(first.id);
  const second = await preview();
  const reapplied = await apply(second.id);
  const commands = (c: EndpointCost) => Object.entries(c.commands).map(([k, v]) => `${k}×${v}`).join(' ');
  say(`  preview of ${size} rows (XLSX ${round(bytes.length / 1024, 0)} KB): ${round(first.ms, 0)} ms, ${round(first.cost.readUnits, 1)} RCU / ${round(first.cost.writeUnits, 1)} WCU (${commands(first.cost)}); summary ${JSON.stringify(first.summary)}`);
  // DynamoDB Local reports a transaction's capacity as if its items were plain writes of one transaction; DynamoDB
  // charges 2 WCU an item (up to 1 KB) written in a transaction: a new teacher is 3 such items (profile, PHONE#, role).
  const modelled = applied.result.created * 3 * 2 + 2;
  say(`  apply: ${round(applied.ms, 0)} ms, ${round(applied.cost.writeUnits, 1)} WCU as DynamoDB Local reports it, ${modelled} WCU as DynamoDB charges transactions (${round(modelled / size, 2)} a teacher), ${round(applied.cost.readUnits, 1)} RCU (${commands(applied.cost)}); ${JSON.stringify(applied.result)}`);
  say(`  the same apply again: ${round(again.ms, 0)} ms, ${again.cost.writeUnits} WCU | the same file previewed again: ${round(second.ms, 0)} ms, ${JSON.stringify(second.summary)}; applied: ${round(reapplied.ms, 0)} ms, ${round(reapplied.cost.writeUnits, 1)} WCU`);
  const peak2000 = peakMemoryMB(size);
  const peak20000 = peakMemoryMB(20_000);
  say(`  the preview's file work in a fresh process (unzip, read, check, pack): peak RSS +${peak2000} MB at ${size} rows, +${peak20000} MB at 20,000 rows`);
  record('imports.preview2000.ms', round(first.ms, 0));
  record('imports.preview2000.wcu', round(first.cost.writeUnits, 1));
  record('imports.preview2000.rcu', round(first.cost.readUnits, 1));
  record('imports.apply2000.ms', round(applied.ms, 0));
  record('imports.apply2000.wcuMetered', round(applied.cost.writeUnits, 1));
  record('imports.apply2000.wcu', modelled);
  record('imports.apply2000.rcu', round(applied.cost.readUnits, 1));
  record('imports.apply2000.created', applied.result.created);
  record('imports.applyAgain.wcu', round(again.cost.writeUnits, 1));
  record('imports.reimport2000.unchanged', second.summary.unchanged ?? 0);
  record('imports.reimportApply.wcu', round(reapplied.cost.writeUnits, 1));
  record('imports.peakMB.rows2000', peak2000);
  record('imports.peakMB.rows20000', peak20000);
}
