// `npm run bench:test`: runs `npm test` stage by stage, as package.json chains it, and times each stage.
// Writes bench/test-stages.json (cited by BENCHMARKS.md §11) and exits non-zero when a stage fails or the
// total passes its budget. The stages are read from package.json, not listed here: `npm run test:*` steps are
// expanded into their own commands, and a `vitest run` of several projects is run one project at a time so each
// project gets its own figure (run together, vitest overlaps them: the total here is an upper bound).
//   --dry-run          list the stages and their commands, run nothing
//   --only=a,b         run only the stages named (the others keep their last figures)
//   --out=<file>       write elsewhere than bench/test-stages.json
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const say = (line: string) => process.stdout.write(`${line}\n`);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dryRun = process.argv.includes('--dry-run');
const only = arg('only')?.split(',');
const out = resolve(root, arg('out') ?? 'bench/test-stages.json');

/** Budgets for the whole of `npm test` on 2 cores (issue 21): quiet, and with another suite running beside it. */
const BUDGET = { quietSeconds: 40 * 60, loadedSeconds: 60 * 60 };

interface Stage {
  name: string;
  command: string;
}

const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

function stageName(command: string): string {
  const npmRun = /^npm run ([\w:.-]+)$/.exec(command);
  if (npmRun) return npmRun[1] ?? command;
  const script = /\s([\w./-]+\.(?:ts|mts|js|mjs))\b/.exec(command);
  if (script) return (script[1] ?? command).split('/').pop()!.replace(/\.\w+$/, '');
  return command.split(' ')[0] ?? command;
}

/** The stages of a script: its `&&` steps, `npm run test:*` expanded, multi-project vitest runs split by project. */
function stagesOf(script: string, seen = new Set<string>()): Stage[] {
  return script.split('&&').flatMap((part): Stage[] => {
    const command = part.trim();
    const npmRun = /^npm run (test:[\w:.-]+)$/.exec(command);
    if (npmRun?.[1] && scripts[npmRun[1]] !== undefined && !seen.has(npmRun[1])) {
      return stagesOf(scripts[npmRun[1]] ?? '', new Set([...seen, npmRun[1]]));
    }
    const projects = [...command.matchAll(/--project (\S+)/g)].map((m) => m[1] ?? '');
    if (command.startsWith('vitest run') && projects.length > 1) {
      const rest = command.replace(/\s*--project \S+/g, '');
      return projects.map((p) => ({ name: `vitest:${p}`, command: `npx ${rest} --project ${p}` }));
    }
    if (command.startsWith('vitest run')) return [{ name: `vitest:${projects[0] ?? 'all'}`, command: `npx ${command}` }];
    return [{ name: stageName(command), command }];
  });
}

// A step repeated by an expanded script (ensure-chromium runs first in `test` and again in `test:e2e`) keeps its
// second name: the figures of both are kept.
const stages = stagesOf(scripts.test ?? '').map((stage, i, all) =>
  all.findIndex((s) => s.name === stage.name) === i ? stage : { ...stage, name: `${stage.name}#${i}` },
);

if (dryRun) {
  for (const s of stages) say(`${s.name.padEnd(24)} ${s.command}`);
  process.exit(0);
}

interface Figure {
  name: string;
  command: string;
  seconds: number;
  ok: boolean;
  at: string;
}
interface Written {
  at: string;
  machine: { cpus: number; loadAverageAtStart: number };
  budget: typeof BUDGET;
  stages: Figure[];
  totalSeconds: number;
}

const previous: Written | undefined = only && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Written) : undefined;
const figures = new Map((previous?.stages ?? []).map((f) => [f.name, f]));
const load = loadavg()[0] ?? 0;
let failed: string | undefined;

for (const stage of stages) {
  if (only && !only.includes(stage.name)) continue;
  say(`\n▶ ${stage.name}: ${stage.command}`);
  const started = performance.now();
  const run = spawnSync(stage.command, { cwd: root, shell: true, stdio: 'inherit', env: process.env });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  figures.set(stage.name, { name: stage.name, command: stage.command, seconds, ok: run.status === 0, at: new Date().toISOString() });
  say(`◀ ${stage.name}: ${seconds} s${run.status === 0 ? '' : ` (exit ${run.status})`}`);
  if (run.status !== 0) {
    failed = stage.name;
    break;
  }
}

const ordered = stages.map((s) => figures.get(s.name)).filter((f): f is Figure => Boolean(f));
const totalSeconds = Math.round(ordered.reduce((sum, f) => sum + f.seconds, 0) * 10) / 10;
const written: Written = { at: new Date().toISOString(), machine: { cpus: cpus().length, loadAverageAtStart: Math.round(load * 100) / 100 }, budget: BUDGET, stages: ordered, totalSeconds };
writeFileSync(out, `${JSON.stringify(written, null, 2)}\n`);

say('\nstage                     seconds');
for (const f of ordered) say(`${f.name.padEnd(24)} ${String(f.seconds).padStart(8)}${f.ok ? '' : '  FAILED'}`);
const budget = load >= cpus().length ? BUDGET.loadedSeconds : BUDGET.quietSeconds;
say(`${'total'.padEnd(24)} ${String(totalSeconds).padStart(8)}  (budget ${budget} s, load average ${load.toFixed(2)} at start)`);
say(`Figures in ${out}.`);
if (failed) process.exit(1);
if (!only && totalSeconds > budget) {
  console.error(`npm test took ${totalSeconds} s, over its budget of ${budget} s.`);
  process.exit(1);
}
