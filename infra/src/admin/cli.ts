import '../local/quiet-sdk.ts';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DistrictName, Id, SchoolYear, Semester } from '@lianyan/shared';
import { bootstrapDistrict, describeBootstrap } from './bootstrap.ts';
import { describeErasure, eraseDueAccounts } from './deletions.ts';
import { describeRebuild, rebuildAggregates } from './rebuild-aggregates.ts';
import { describeRollover, rolloverSchoolYear } from './rollover.ts';
import { resolveTarget } from './target.ts';

// `npm run admin -- <command>`: what a district's IT person runs, locally or against a deployed stage.
const USAGE = `用法：
  npm run admin -- bootstrap --district "<教体局名称>" [--new-invite] [--stage <stage> --region <region>]
  npm run admin -- rollover --to 2027-2028 [--school <学校编号> …] [--stage <stage> --region <region>]
    学年升级：各校班级升一个年级（最高年级毕业），已绑定的学生随班升级；可重复运行，不会重复升级。
  npm run admin -- erase-accounts [--stage <stage> --region <region>]
    注销：处理冷静期（15 天）已满的注销申请（定时任务每小时也会运行）；可重复运行。
  npm run admin -- rebuild-aggregates --federation <校联体编号> --semester 2026-2027-1 [--stage <stage> --region <region>]
    重算统计：按出勤记录重算该校联体该学期每场活动的签到统计（实时统计出错或补数据后使用）；可重复运行。

  不带 --stage：作用于正在运行的本地服务（npm start）。
  带 --stage：作用于已部署的环境（表名 lianyan-<stage>，使用本机的 AWS 凭证）。
  --endpoint <url> --table <表名>：作用于另一个 DynamoDB 兼容端点（如手动运行的 DynamoDB Local）。`;

const root = resolve(import.meta.dirname, '../../..');
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      district: { type: 'string' },
      to: { type: 'string' },
      federation: { type: 'string' },
      semester: { type: 'string' },
      school: { type: 'string', multiple: true },
      'new-invite': { type: 'boolean', default: false },
      stage: { type: 'string' },
      region: { type: 'string' },
      table: { type: 'string' },
      endpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    say(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['bootstrap', 'rollover', 'erase-accounts', 'rebuild-aggregates'].includes(command)) {
    say(`未知命令：${command}\n\n${USAGE}`);
    return 2;
  }
  const name = DistrictName.safeParse(values.district ?? '');
  if (command === 'bootstrap' && !name.success) {
    say(`请用 --district 指定教体局名称（${name.error.issues[0]?.message ?? '2–40 个字'}）`);
    return 2;
  }
  const to = SchoolYear.safeParse(values.to ?? '');
  if (command === 'rollover' && !to.success) {
    say(`请用 --to 指定要升级到的学年，如 --to 2027-2028（${to.error.issues[0]?.message ?? ''}）`);
    return 2;
  }
  const federation = Id.safeParse(values.federation ?? '');
  const semester = Semester.safeParse(values.semester ?? '');
  if (command === 'rebuild-aggregates' && (!federation.success || !semester.success)) {
    say('请用 --federation 指定校联体编号、--semester 指定学期，如 --federation fed-chengdong --semester 2026-2027-1');
    return 2;
  }
  const target = resolveTarget({
    dataDir: resolve(root, process.env.DATA_DIR ?? '.data'),
    ...(values.stage ? { stage: values.stage } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values.table ? { table: values.table } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });
  try {
    say(`目标：${target.describe}`);
    if (command === 'erase-accounts') {
      for (const line of describeErasure(await eraseDueAccounts(target))) say(line);
      return 0;
    }
    if (command === 'rebuild-aggregates') {
      for (const line of describeRebuild(await rebuildAggregates(target, { federationId: federation.data as string, semester: semester.data as string }))) say(line);
      return 0;
    }
    if (command === 'rollover') {
      const report = await rolloverSchoolYear(target, { to: to.data as string, ...(values.school?.length ? { schoolIds: values.school } : {}) });
      for (const line of describeRollover(report)) say(line);
      return 0;
    }
    const result = await bootstrapDistrict(target, { districtName: name.data as string, newInvite: values['new-invite'] });
    for (const line of describeBootstrap(result, target.appUrl)) say(line);
    return 0;
  } finally {
    target.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
