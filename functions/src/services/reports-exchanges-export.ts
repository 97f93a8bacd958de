import type { ExchangeCounts, ExchangeQuotaLine, FederationExchanges, SchoolExchanges } from '@lianyan/shared';
import type { Cell, Sheet } from '#lib/xlsx';

// 交流轮岗 in the report files: the federation's quota lines and a sheet of its schools (people sent and received).

const met = (line: ExchangeQuotaLine) => (line.met ? '达标' : '未达标');

/** Rows of a federation's 汇总: each quota line as 完成 / 目标 and whether it is met. */
export function exchangeSummaryRows(e: FederationExchanges): Cell[][] {
  return [
    ['校干挂职交流(人)', `${e.cadres.done} / ${e.cadres.target}（${met(e.cadres)}）`],
    ['骨干教师支教走教(人)', `${e.backbone.done} / ${e.backbone.target}（${met(e.backbone)}）`],
    ['跟岗学习(人)', e.shadow],
    ['交流待考核', e.awaitingAssessment],
  ];
}

/** A school's 汇总 rows for the semester. */
export function schoolExchangeRows(e: SchoolExchanges): Cell[][] {
  const line = (c: ExchangeCounts) => `挂职 ${c.cadres} · 支教走教 ${c.backbone} · 跟岗 ${c.shadow}`;
  return [
    ['交流轮岗：派出(人)', line(e.sent)],
    ['交流轮岗：接收(人)', line(e.received)],
    ['交流待考核', e.awaitingAssessment],
  ];
}

const EXCHANGE_HEADER: Cell[] = ['学校', '派出挂职', '派出支教走教', '派出跟岗', '接收挂职', '接收支教走教', '接收跟岗', '待考核'];

/** 交流轮岗 sheet: a row per school, `prefix` cells first (the district's federation column). */
export function exchangeSheet(parts: Array<{ prefix?: Cell[]; exchanges: FederationExchanges; names: Map<string, string> }>, prefixHeader: Cell[] = []): Sheet {
  const rows = parts.flatMap(({ prefix = [], exchanges, names }) =>
    exchanges.schools.map((s) => [
      ...prefix,
      names.get(s.schoolId) ?? s.schoolId,
      s.sent.cadres,
      s.sent.backbone,
      s.sent.shadow,
      s.received.cadres,
      s.received.backbone,
      s.received.shadow,
      s.awaitingAssessment,
    ]),
  );
  return { name: '交流轮岗', rows: [[...prefixHeader, ...EXCHANGE_HEADER], ...rows], widths: [...prefixHeader.map(() => 24), 22, ...EXCHANGE_HEADER.slice(1).map(() => 12)] };
}

/** The district's quota columns of a federation. */
export const districtExchangeCells = (e: FederationExchanges): Cell[] => [e.cadres.done, e.cadres.target, e.backbone.done, e.backbone.target, e.cadres.met && e.backbone.met ? '达标' : '未达标'];
export const DISTRICT_EXCHANGE_HEADER: Cell[] = ['挂职交流', '挂职目标', '支教走教', '支教走教目标', '交流指标'];
