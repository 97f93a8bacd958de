import {
  schoolYearLabel,
  POSITION_LABELS,
  SESSION_KIND_LABELS,
  SCORE_WEIGHTS,
  semesterLabel,
  type DistrictReport,
  type FederationReport,
  type MonthPoint,
  type SchoolReport,
  type SchoolScoreRow,
  type TeacherRow,
} from '@lianyan/shared';
import { csvFile, percentCell, xlsxFile, type Cell, type Sheet } from '#lib/xlsx';
import { DISTRICT_EXCHANGE_HEADER, districtExchangeCells, exchangeSheet, exchangeSummaryRows, schoolExchangeRows } from './reports-exchanges-export.ts';
import { rollupSheets } from './observation-rollup.ts';

// Report files: XLSX (汇总, 各校, 教师 …) written by the repo's own writer, or one table as CSV (UTF-8 with BOM).
// Rates are percent cells (0.862 shown as 86.2%; `86.2%` in CSV).

const percent = percentCell;
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_');
const signed = (n: number | null) => (n === null ? '' : n > 0 ? `+${n}` : String(n));

function file(name: string, format: 'csv' | 'xlsx', sheets: Sheet[], csvSheet: Sheet) {
  return format === 'csv' ? csvFile(safeName(name), csvSheet.rows) : xlsxFile(safeName(name), sheets);
}

const TEACHER_HEADER: Cell[] = ['学校', '姓名', '职务', '应到', '实到', '迟到', '缺席', '请假', '出勤率', '低于阈值'];
function teacherSheet(rows: TeacherRow[], schoolNames: Map<string, string>): Sheet {
  return {
    name: '教师',
    rows: [
      TEACHER_HEADER,
      ...rows.map((t) => [
        schoolNames.get(t.schoolId) ?? t.schoolId,
        t.name,
        t.position ? POSITION_LABELS[t.position] : '',
        t.expected,
        t.attended,
        t.late,
        t.absent,
        t.excused,
        percent(t.rate),
        t.below ? '是' : '',
      ]),
    ],
    widths: [22, 12, 10, 8, 8, 8, 8, 8, 11, 10],
  };
}

const SCHOOL_HEADER: Cell[] = [
  '学校', '类型', '教师数', '联合教研(线上)', '线上目标', '联合教研(线下)', '线下目标', '师徒结对', '结对目标', '指标完成率', '指标达标',
  '应到', '实到', '出勤率', '低于阈值人数', '主办活动', '外校教师到场人次', '贡献度', '应办活动', '已办', '取消', '执行力',
  '指标得分', '出勤得分', '贡献得分', '执行得分', '自身得分', '捆绑考核得分', '上学期', '变化',
];
const schoolRow = (r: SchoolScoreRow, prefix: Cell[] = []): Cell[] => [
  ...prefix,
  r.school.name,
  r.school.isCore ? '核心校' : r.school.rural ? '成员校(乡村)' : '成员校',
  r.teachers,
  r.jointResearch.online,
  r.jointResearch.onlineTarget,
  r.jointResearch.offline,
  r.jointResearch.offlineTarget,
  r.mentorPairs,
  r.mentorPairsTarget,
  percent(r.quota.rate),
  r.quota.met ? '达标' : '未达标',
  r.attendance.expected,
  r.attendance.attended,
  percent(r.attendance.rate),
  r.belowThreshold,
  r.contribution.hosted,
  r.contribution.visitors,
  percent(r.contribution.share),
  r.execution.due,
  r.execution.held,
  r.execution.cancelled,
  percent(r.execution.rate),
  r.score.quota,
  r.score.attendance,
  r.score.contribution,
  r.score.execution,
  r.score.total,
  r.bundled,
  r.previousBundled ?? '',
  signed(r.change),
];

const trendSheet = (trend: MonthPoint[]): Sheet => ({
  name: '月度',
  rows: [['月份', '应到', '实到', '出勤率'], ...trend.map((p) => [p.month, p.expected, p.attended, percent(p.rate)])],
  widths: [10, 8, 8, 11],
});

const scoreRules = (coreWeight: number): Cell[][] => [
  [],
  ['得分说明'],
  [`自身得分(满分100) = 指标完成率×${SCORE_WEIGHTS.quota} + 出勤率×${SCORE_WEIGHTS.attendance} + 贡献度×${SCORE_WEIGHTS.contribution} + 执行力×${SCORE_WEIGHTS.execution}`],
  ['指标完成率 = (线上联合教研完成比 + 线下联合教研完成比 + 师徒结对完成比) ÷ 3，每项最多按 100% 计'],
  ['贡献度 = 本校主办活动的外校教师到场人次 ÷ 校联体内最高的学校'],
  ['执行力 = 本校主办、已到开始时间的活动中实际举办（未取消）的比例'],
  [`捆绑考核：核心校得分 = 自身得分×${Math.round(coreWeight * 100)}% + 成员校平均分×${Math.round((1 - coreWeight) * 100)}%；成员校为自身得分`],
];

const observationSheets = (report: FederationReport): Sheet[] => (report.observationCoverage ? rollupSheets(report.observationCoverage) : []);

export function federationReportFile(report: FederationReport, teachers: TeacherRow[], format: 'csv' | 'xlsx') {
  const s = report.summary;
  const summary: Sheet = {
    name: '汇总',
    rows: [
      ['项目', '数值'],
      ['校联体', report.federation.name],
      ['学期', `${semesterLabel(report.semester)}（${report.semester}）`],
      ['统计范围', `${report.range.from} 至 ${report.range.to}`],
      ['学校数', s.schools],
      ['已举办活动', s.sessionsHeld],
      ['联合教研(线上)', s.jointResearchOnline],
      ['联合教研(线下)', s.jointResearchOffline],
      ['应到人次', s.attendance.expected],
      ['实到人次', s.attendance.attended],
      ['出勤率', percent(s.attendance.rate)],
      ['指标达标学校数', s.quotaMet],
      ['成员校平均分', s.membersAverage ?? ''],
      ['捆绑考核得分(核心校)', s.bundledScore],
      [`上学期（${report.previousSemester}）`, s.previousBundledScore ?? ''],
      ['变化', signed(s.change)],
      ['出勤率阈值', percent(report.threshold / 100)],
      ...exchangeSummaryRows(report.exchanges),
      ...scoreRules(report.rules.coreSchoolWeight),
    ],
    widths: [26, 40],
  };
  const schools: Sheet = { name: '各校', rows: [SCHOOL_HEADER, ...report.schools.map((r) => schoolRow(r))], widths: [22, 12, ...SCHOOL_HEADER.slice(2).map(() => 10)] };
  const names = new Map(report.schools.map((r) => [r.school.id, r.school.name]));
  const exchanges = exchangeSheet([{ exchanges: report.exchanges, names }]);
  return file(`${report.federation.name}-${report.semester}学期-考勤与考核报表`, format, [summary, schools, teacherSheet(teachers, names), trendSheet(report.trend), exchanges, ...observationSheets(report)], schools);
}

export function schoolReportFile(report: SchoolReport, format: 'csv' | 'xlsx') {
  const summary: Sheet = {
    name: '汇总',
    rows: [
      ['项目', '数值'],
      ['学校', report.school.name],
      ['校联体', report.federation.name],
      ['学期', `${semesterLabel(report.semester)}（${report.semester}）`],
      ['主办活动(已举办)', report.hosted.held],
      ['其中线上', report.hosted.online],
      ['其中线下', report.hosted.offline],
      ['其中未手动结束、自动关闭', report.hosted.autoClosed ?? 0],
      ['已取消', report.hosted.cancelled],
      ['未开始', report.hosted.upcoming],
      ['应到人次', report.attendance.expected],
      ['实到人次', report.attendance.attended],
      ['出勤率', percent(report.attendance.rate)],
      [`出勤率低于 ${report.threshold}% 的教师`, report.belowThreshold.length],
      [`师徒结对（${schoolYearLabel(report.mentorship.year)}）`, report.mentorship.mentorPairs],
      [`交流轮岗（${schoolYearLabel(report.mentorship.year)}）`, report.mentorship.rotations],
      ['家长学校活动', report.parentSchool.held],
      ['家长学校活动目标', report.parentSchool.target],
      ...schoolExchangeRows(report.exchanges),
      [],
      ['活动类型', '线上', '线下', '合计'],
      ...report.hosted.byKind.map((k) => [SESSION_KIND_LABELS[k.kind], k.online, k.offline, k.total]),
    ],
    widths: [26, 30, 8, 8],
  };
  const observations: Sheet = {
    name: '听课',
    rows: [['姓名', '职务', '本学期听课', '目标', '达标'], ...report.observations.map((o) => [o.name, POSITION_LABELS[o.position], o.count, o.target, o.met ? '是' : '否'])],
    widths: [12, 10, 12, 8, 8],
  };
  const teachers = teacherSheet(report.teachers, new Map([[report.school.id, report.school.name]]));
  return file(`${report.school.name}-${report.semester}学期-考勤报表`, format, [summary, observations, teachers, trendSheet(report.trend)], teachers);
}

export function districtReportFile(report: DistrictReport, format: 'csv' | 'xlsx') {
  const summary: Sheet = {
    name: '汇总',
    rows: [
      ['校联体', '学校数', '已举办活动', '联合教研(线上)', '联合教研(线下)', '应到', '实到', '出勤率', '指标达标学校数', '成员校平均分', '捆绑考核得分', '上学期', '变化', ...DISTRICT_EXCHANGE_HEADER],
      ...report.federations.map(({ federation, summary: s, exchanges }) => [
        federation.name,
        s.schools,
        s.sessionsHeld,
        s.jointResearchOnline,
        s.jointResearchOffline,
        s.attendance.expected,
        s.attendance.attended,
        percent(s.attendance.rate),
        s.quotaMet,
        s.membersAverage ?? '',
        s.bundledScore,
        s.previousBundledScore ?? '',
        signed(s.change),
        ...districtExchangeCells(exchanges),
      ]),
    ],
    widths: [24, 8, 10, 12, 12, 8, 8, 10, 12, 12, 12, 8, 8, ...DISTRICT_EXCHANGE_HEADER.map(() => 12)],
  };
  const schools: Sheet = {
    name: '各校',
    rows: [['校联体', ...SCHOOL_HEADER], ...report.federations.flatMap(({ federation, schools: rows }) => rows.map((r) => schoolRow(r, [federation.name])))],
    widths: [24, 22, 12, ...SCHOOL_HEADER.slice(2).map(() => 10)],
  };
  const exchanges = exchangeSheet(
    report.federations.map((f) => ({ prefix: [f.federation.name], exchanges: f.exchanges, names: new Map(f.schools.map((r) => [r.school.id, r.school.name])) })),
    ['校联体'],
  );
  return file(`全区-${report.semester}学期-考勤与考核报表`, format, [summary, schools, trendSheet(report.trend), exchanges], schools);
}
