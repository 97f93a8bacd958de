import {
  schoolYearLabel,
  ARCHIVE_KIND_LABELS,
  ARCHIVE_KINDS,
  LEVEL_LABELS,
  POSITION_LABELS,
  PROJECT_ROLE_LABELS,
  SESSION_KIND_LABELS,
  shanghaiTime,
  type ArchiveEntry,
  type ArchiveKind,
  type ArchiveObservations,
  type ArchivePerson,
  type ArchiveSummary,
  type SchoolArchiveOverview,
  type SessionKind,
} from '@lianyan/shared';
import { csvFile, xlsxFile, type Cell } from '#lib/xlsx';
import { OBSERVATION_PRINT_CSS, observationSection } from './archive-print-observations.ts';

// The printable archive (职称评定, 评优) and the school's overview as a spreadsheet.

const escape = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** The facts of a line beyond its title, as short Chinese phrases. */
function entryFacts(e: ArchiveEntry): string[] {
  const facts: string[] = [];
  if (e.source === 'derived') {
    if (e.sessionKind) facts.push(SESSION_KIND_LABELS[e.sessionKind as SessionKind]);
    if (e.detail) facts.push(e.detail);
    if (e.kind === 'research_attendance') facts.push(`${n(e.hours)} 学时`);
    return facts;
  }
  switch (e.kind) {
    case 'training':
      facts.push(e.provider, `${n(e.hours)} 学时`, ...(e.certificateNo ? [`证书 ${e.certificateNo}`] : []));
      break;
    case 'lesson_observation':
      facts.push(e.observedSchool, `${e.grade}${e.className ?? ''}`, `${'★'.repeat(e.rating)}${'☆'.repeat(5 - e.rating)}`);
      break;
    case 'open_class':
      facts.push(LEVEL_LABELS[e.level], e.subject, ...(e.grade ? [e.grade] : []));
      break;
    case 'award':
      facts.push(LEVEL_LABELS[e.level], e.issuer);
      break;
    case 'paper':
      facts.push(e.publication, ...(e.level ? [LEVEL_LABELS[e.level]] : []));
      break;
    case 'project':
      facts.push(LEVEL_LABELS[e.level], PROJECT_ROLE_LABELS[e.role]);
      break;
    case 'mentorship':
    case 'rotation':
      if (e.until) facts.push(`至 ${e.until}`);
      break;
    case 'other':
      if (e.description) facts.push(e.description);
      break;
  }
  return facts;
}

export function renderArchivePage(data: {
  person: ArchivePerson;
  period: { from: string; to: string };
  entries: ArchiveEntry[];
  summary: ArchiveSummary;
  observations?: ArchiveObservations;
  generatedAt: Date;
}): string {
  const { person, period, entries, summary } = data;
  const byKind = new Map<ArchiveKind, ArchiveEntry[]>();
  for (const e of entries) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  const hoursInPeriod = entries.reduce((sum, e) => sum + e.hours, 0);
  const totals: [string, string][] = [
    ['本期学时', `${n(hoursInPeriod)} 学时`],
    [`${schoolYearLabel(summary.year)}学时`, `${n(summary.training.hours)} / ${n(summary.training.target)}`],
    [`五年周期（${summary.training.cycle}）`, `${n(summary.training.cycleHours)} / ${n(summary.training.cycleTarget)}`],
    [
      '本学期听课',
      summary.observations.target ? `${summary.observations.count} / ${summary.observations.target} 节` : `${summary.observations.count} 节`,
    ],
    ...ARCHIVE_KINDS.filter((k) => byKind.has(k)).map((k) => [ARCHIVE_KIND_LABELS[k], `${byKind.get(k)?.length ?? 0} 项`] as [string, string]),
  ];
  // A session's reflection prints once, under the first of its lines (attendance and observation lines share it).
  const reflectionShown = new Set<string>();
  const reflectionRow = (e: ArchiveEntry) => {
    if (!e.sessionReflection || !e.sessionId || reflectionShown.has(e.sessionId)) return '';
    reflectionShown.add(e.sessionId);
    return `\n<tr class="refl"><td class="d"></td><td colspan="2"><b>心得体会</b>${e.sessionReflection.late ? '<span class="tag">迟交</span>' : ''}<p>${escape(e.sessionReflection.text)}</p></td></tr>`;
  };
  const sections = ARCHIVE_KINDS.filter((k) => byKind.has(k))
    .map(
      (k) => `<section><h2>${escape(ARCHIVE_KIND_LABELS[k])}<small>${byKind.get(k)?.length ?? 0} 项</small></h2>
<table><thead><tr><th class="d">日期</th><th>内容</th><th>说明</th></tr></thead><tbody>
${(byKind.get(k) ?? [])
  .map(
    (e) =>
      `<tr><td class="d">${escape(e.date)}</td><td>${escape(e.title)}${e.source === 'derived' ? '<span class="tag">系统记录</span>' : ''}</td><td>${escape(entryFacts(e).join(' · '))}${
        e.evidenceFiles.length ? `<span class="tag">附件 ${e.evidenceFiles.length}</span>` : ''
      }</td></tr>${reflectionRow(e)}`,
  )
  .join('\n')}
</tbody></table></section>`,
    )
    .join('\n');
  const generated = shanghaiTime(data.generatedAt.toISOString());
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(person.name)} 教师成长档案 ${escape(period.from)} 至 ${escape(period.to)}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2329; margin: 0 auto; max-width: 190mm; padding: 12px; font-size: 12px; line-height: 1.6; }
h1 { font-size: 22px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.meta { text-align: center; color: #555; margin-bottom: 12px; }
.totals { display: grid; grid-template-columns: repeat(4, 1fr); border: 1px solid #999; border-right: 0; border-bottom: 0; margin-bottom: 14px; }
.totals div { border-right: 1px solid #999; border-bottom: 1px solid #999; padding: 6px 8px; }
.totals b { display: block; font-size: 15px; }
.totals span { color: #555; font-size: 11px; }
section { margin-bottom: 12px; }
h2 { font-size: 14px; border-left: 4px solid #2f6fde; padding-left: 6px; margin: 10px 0 6px; break-after: avoid; }
h2 small { font-weight: normal; color: #666; margin-left: 8px; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f3f8; }
tr { break-inside: avoid; }
.d { width: 24mm; white-space: nowrap; }
tr.refl { break-inside: auto; }
.refl td { border-top: 0; background: #fafbfc; }
.refl p { margin: 2px 0 0; white-space: pre-wrap; text-indent: 2em; }
.tag { display: inline-block; margin-left: 6px; padding: 0 4px; border: 1px solid #2f6fde; color: #2f6fde; border-radius: 3px; font-size: 10px; }
.empty { text-align: center; color: #666; padding: 24px; border: 1px dashed #999; }
.sign { display: flex; justify-content: space-between; margin-top: 24px; }
footer { margin-top: 16px; color: #777; font-size: 10px; text-align: right; }
${OBSERVATION_PRINT_CSS}
@media print { body { padding: 0; } }
</style></head><body>
<h1>教师成长档案</h1>
<p class="meta">${escape(person.name)}${person.position ? ` · ${escape(POSITION_LABELS[person.position])}` : ''}${
    person.schoolName ? ` · ${escape(person.schoolName)}` : ''
  } ｜ ${escape(period.from)} 至 ${escape(period.to)}</p>
<div class="totals">${totals.map(([label, value]) => `<div><b>${escape(value)}</b><span>${escape(label)}</span></div>`).join('')}</div>
${sections || '<p class="empty">这段时间还没有已通过审核的记录</p>'}
${observationSection(data.observations)}
<div class="sign"><span>本人签字：</span><span>学校审核（盖章）：</span><span>日期：</span></div>
<footer>只含已审核通过和系统自动记录的内容 · 生成于 ${escape(generated)} · 联研</footer>
</body></html>`;
}

/** The school's overview as XLSX (one sheet) or CSV, with Chinese headers. */
export function overviewFile(overview: SchoolArchiveOverview, format: 'csv' | 'xlsx') {
  const header: Cell[] = ['序号', '姓名', '职务', '本学年学时', '学时目标', '本学期听课', '听课目标', '参加教研', '公开课', '获奖', '待审核', '进度'];
  const rows: Cell[][] = overview.rows.map((r, i) => [
    i + 1,
    r.name,
    r.position ? POSITION_LABELS[r.position] : '',
    r.hours,
    r.hoursTarget,
    r.observations,
    r.observationsTarget ?? '',
    r.sessions,
    r.openClasses,
    r.awards,
    r.pending,
    r.onTrack ? '正常' : '滞后',
  ]);
  const filename = `${overview.school.name}-${overview.year}学年-教师成长档案`;
  if (format === 'csv') return csvFile(filename, [header, ...rows]);
  return xlsxFile(filename, [{ name: '教师成长档案', rows: [header, ...rows], widths: [6, 12, 10, 12, 10, 12, 10, 10, 8, 8, 8, 8] }]);
}
