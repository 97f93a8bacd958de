import { EXCHANGE_KIND_LABELS, EXCHANGE_RATING_LABELS, EXCHANGE_STATUS_LABELS, POSITION_LABELS, TITLE_LABELS, type ExchangeList, type Position, type Title } from '@lianyan/shared';
import { csvFile, dateCell, xlsxFile, type Cell } from '#lib/xlsx';

const HEADER: Cell[] = ['序号', '姓名', '派出学校', '接收学校', '交流类型', '开始日期', '结束日期', '学科', '职务', '称号', '工作内容', '状态', '考核结果'];

/** 交流教师名单 of a semester: one row per exchange, the dates as dates; the quota under the list. */
export function exchangeFile(federationName: string, list: ExchangeList, format: 'xlsx' | 'csv') {
  const rows: Cell[][] = list.items.map((e, i) => [
    i + 1,
    e.name,
    e.fromSchoolName,
    e.toSchoolName,
    EXCHANGE_KIND_LABELS[e.kind],
    dateCell(e.startDate),
    dateCell(e.endDate),
    e.subjects.join('、'),
    e.position ? (POSITION_LABELS[e.position as Position] ?? e.position) : '',
    e.titles.map((t) => TITLE_LABELS[t as Title] ?? t).join('、'),
    e.duties ?? '',
    EXCHANGE_STATUS_LABELS[e.status],
    e.assessment ? EXCHANGE_RATING_LABELS[e.assessment.rating] : '',
  ]);
  const q = list.quota;
  const summary: Cell[][] = [
    [],
    ['校干挂职交流', `${q.cadres.done} / ${q.cadres.target} 人`, q.cadres.met ? '已达标' : '未达标'],
    ['骨干教师支教、走教', `${q.backbone.done} / ${q.backbone.target} 人`, q.backbone.met ? '已达标' : '未达标'],
    ['跟岗学习', `${q.shadow} 人`],
    ['待考核', `${q.awaitingAssessment} 人次`],
  ];
  const name = `${federationName}-${q.semester}-交流教师名单`;
  if (format === 'csv') return csvFile(name, [HEADER, ...rows]);
  return xlsxFile(name, [{ name: '交流教师名单', rows: [HEADER, ...rows, ...summary], widths: [6, 10, 22, 22, 10, 12, 12, 14, 10, 16, 30, 8, 10] }]);
}
