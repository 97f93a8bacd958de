import { CAMPAIGN_PERIOD_LABELS, type CampaignCompletion } from '@lianyan/shared';
import { dateCell, percentCell, timeCell, xlsxFile, type Cell } from '#lib/xlsx';

/** The completion report as a workbook: 按学校, 按人员, 本期未打卡. */
export function completionFile(c: CampaignCompletion) {
  const yes = (b: boolean) => (b ? '是' : '否');
  const personRow = (p: CampaignCompletion['people'][number], i: number): Cell[] => [
    i + 1,
    p.name,
    p.schoolName,
    p.count,
    c.required,
    yes(p.completed),
    yes(p.checkedInThisPeriod),
    p.streak,
    p.makeupsUsed,
    timeCell(p.lastCheckInAt),
  ];
  const peopleHeader: Cell[] = ['序号', '姓名', '学校', '已打卡次数', '要求次数', '已完成', `本期(${c.period.label})已打卡`, '连续打卡', '补卡次数', '最近打卡'];
  return xlsxFile(`${c.campaign.title}-${c.period.label}-完成情况`, [
      {
        name: '按学校',
        rows: [
          ['学校', '参与人数', '本期已打卡', '本期打卡率', '已完成要求'],
          ...c.schools.map((s): Cell[] => [s.schoolName, s.members, s.checkedInThisPeriod, percentCell(s.periodRate), s.completed]),
        ],
        widths: [24, 10, 12, 12, 12],
      },
      {
        name: '说明',
        rows: [
          ['项目', '内容'],
          ['打卡活动', c.campaign.title],
          ['周期', `${CAMPAIGN_PERIOD_LABELS[c.campaign.period]}，共要求 ${c.required} 次`],
          ['开始日期', dateCell(c.campaign.startDate)],
          ['结束日期', dateCell(c.campaign.endDate)],
        ],
        widths: [12, 40],
      },
      { name: '按人员', rows: [peopleHeader, ...c.people.map(personRow)], widths: [6, 12, 22, 10, 10, 8, 18, 10, 10, 18] },
      { name: '本期未打卡', rows: [peopleHeader, ...c.missing.map(personRow)], widths: [6, 12, 22, 10, 10, 8, 18, 10, 10, 18] },
  ]);
}
