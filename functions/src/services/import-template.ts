import {
  GRADE_NAMES,
  GUIDE_SHEET,
  IMPORT_MAX_ROWS,
  POSITION_LABELS,
  SCHOOL_COLUMN,
  SUBJECT_NAMES,
  TEACHER_COLUMNS,
  TEACHER_SHEET,
  TEMPLATE_EXAMPLE_PHONES,
  TITLE_LABELS,
} from '@lianyan/shared';
import { xlsxFile, type Cell } from '#lib/xlsx';

/** The 教师名册 template: the sheet to fill (headers, two example rows) and 说明 with every allowed value. */
export function teacherTemplate(schools?: string[]): { filename: string; contentType: string; body: Buffer } {
  const federation = Boolean(schools);
  const headers: Cell[] = [...TEACHER_COLUMNS, ...(federation ? [SCHOOL_COLUMN] : [])];
  const school = (i: number) => (schools?.length ? [schools[i % schools.length] as string] : []);
  const examples: Cell[][] = [
    ['张明（示例，请删除）', TEMPLATE_EXAMPLE_PHONES[0], '教研组长', '语文', '四年级、五年级', '骨干教师', ...school(0)],
    ['李华（示例，请删除）', TEMPLATE_EXAMPLE_PHONES[1], '教师', '数学、科学', '一年级', '', ...school(1)],
  ];
  const guide: Cell[][] = [
    ['列', '必填', '怎么填'],
    ['姓名', '是', '教师的真实姓名，最多 32 个字'],
    ['手机号', '是', '11 位手机号，教师用它在小程序里一键登录；按手机号识别教师，同一手机号再次导入会更新而不是重复添加'],
    ['职务', '否', `${Object.values(POSITION_LABELS).join('、')}；新教师留空即为「教师」`],
    ['学科', '否', `多个用「、」隔开，最多 6 个：${SUBJECT_NAMES.join('、')}`],
    ['任教年级', '否', `多个用「、」隔开，最多 6 个：${GRADE_NAMES.join('、')}`],
    ['称号', '否', `多个用「、」隔开：${Object.values(TITLE_LABELS).join('、')}`],
    ...(federation ? [[SCHOOL_COLUMN, '是', `本校联体的学校名称，须与下列名称完全一致：${(schools ?? []).join('、')}`]] : []),
    [],
    ['注意', '', `第 1 行是表头，请勿修改；从第 2 行起每行一位教师，最多 ${IMPORT_MAX_ROWS} 行；示例行请删除`],
    ['', '', '不要合并单元格，不要使用公式（如有，请「选择性粘贴 → 数值」）；手机号可以是数字或文本，空格、短横线和 +86 会被忽略'],
    ['', '', '再次导入时，留空的「职务、学科、任教年级、称号」不会覆盖教师已有的信息'],
    ['', '', '也可以另存为 CSV（UTF-8 或 GBK 编码均可）后上传'],
  ];
  return xlsxFile(federation ? '教师名册模板（校联体）' : '教师名册模板', [
    { name: TEACHER_SHEET, rows: [headers, ...examples], widths: [14, 16, 12, 18, 18, 16, ...(federation ? [24] : [])] },
    { name: GUIDE_SHEET, rows: guide, widths: [12, 8, 100] },
  ]);
}
