import {
  GRADE_NAMES,
  IGNORED_COLUMNS,
  IMPORT_MAX_ROWS,
  PersonName,
  POSITION_BY_LABEL,
  SCHOOL_COLUMN,
  SUBJECT_NAMES,
  TEACHER_COLUMNS,
  TEMPLATE_EXAMPLE_PHONES,
  TITLE_BY_LABEL,
  type ImportError,
  type ImportErrorCode,
  type Position,
  type Title,
} from '@lianyan/shared';
import type { ReadCell, ReadSheet } from '#lib/sheet-read';

// The rows of a 教师名册 file, checked one by one: every problem becomes an error naming its row, its column and
// what to do, in Chinese. Pure: the file's sheet in, rows and errors out.

/** A row that passed every check, as it will be written. */
export interface TeacherRow {
  row: number;
  name: string;
  phone: string;
  /** Undefined when the cell was empty: a new person is a 教师, a known one keeps theirs. */
  position?: Position;
  subjects?: string[];
  grades?: string[];
  titles?: Title[];
  schoolId: string;
}

/** A row with at least one error: what the preview can still show of it. */
export interface InvalidRow {
  row: number;
  name: string;
  phone?: string;
}

export interface RowsContext {
  /** A school's import: every row is for this school. */
  schoolId?: string;
  /** A federation's import: the 学校 column names one of these schools (name → id). */
  schools?: Map<string, string>;
}

const MAX_VALUES = 6;
const SUBJECTS = new Set<string>(SUBJECT_NAMES);
const GRADES = new Set(GRADE_NAMES);
const DIGITS = '一二三四五六七八九';
const listText = (values: Iterable<string>) => [...values].join('、');

/** `13812345678`, `138 1234 5678`, `138-1234-5678`, `+86 138…`, `0086…`, full-width digits, or a number cell (1.3812345678E10). */
export function normalizePhone(cell: ReadCell): string | undefined {
  let text = cell.text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  if (cell.numeric && /^\d+(\.\d+)?[eE]\+?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) text = String(n);
  }
  text = text.replace(/[\s\u00a0\u3000\-－—()（）.]/g, '').replace(/^(\+|00|＋)?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(text) ? text : undefined;
}

/** `4年级` → `四年级`; the rest as written. */
const normalizeGrade = (g: string) => g.replace(/^([1-9])年级$/, (_, d: string) => `${DIGITS[Number(d) - 1]}年级`);
const splitList = (text: string) => text.split(/[、,，;；/／\s]+/).map((s) => s.trim()).filter(Boolean);

interface Column {
  header: string;
  index: number;
}

/** Reads and checks the rows; `errors` is empty only when every row can be imported. */
export function checkTeacherRows(sheet: ReadSheet, context: RowsContext): { rows: TeacherRow[]; invalid: InvalidRow[]; errors: ImportError[]; dataRows: number } {
  const errors: ImportError[] = [];
  const fail = (row: number, column: string, code: ImportErrorCode, message: string) => errors.push({ row, column, code, message });
  const federation = Boolean(context.schools);
  const expected = federation ? [...TEACHER_COLUMNS, SCHOOL_COLUMN] : [...TEACHER_COLUMNS];
  const templateHint = `请使用下载的模板，表头依次为：${expected.join('、')}`;

  const [headerRow, ...dataRows] = sheet.rows;
  if (!headerRow) {
    fail(1, '', 'FILE_EMPTY', `文件是空的，没有表头也没有教师。${templateHint}`);
    return { rows: [], invalid: [], errors, dataRows: 0 };
  }
  if (dataRows.length > IMPORT_MAX_ROWS) {
    const last = dataRows[dataRows.length - 1]?.row ?? headerRow.row + dataRows.length;
    fail(last, '', 'TOO_MANY_ROWS', `文件有 ${dataRows.length} 行教师，一次最多导入 ${IMPORT_MAX_ROWS} 行，请拆成几个文件分别导入`);
    return { rows: [], invalid: [], errors, dataRows: dataRows.length };
  }

  // The header: every known column once, the required ones present, nothing unknown.
  const columns = new Map<string, Column>();
  headerRow.cells.forEach((cell, index) => {
    const header = (cell?.text ?? '').replace(/[\s*＊]/g, '');
    if (!header) return;
    if (cell?.formula) fail(headerRow.row, header, 'FORMULA', `表头「${header}」是公式，请直接填写文字`);
    if ((IGNORED_COLUMNS as readonly string[]).includes(header)) return;
    if (!(expected as string[]).includes(header)) {
      if (header === SCHOOL_COLUMN) return; // a school's own import: the 学校 column is its name, not read.
      fail(headerRow.row, header, 'HEADER_UNKNOWN', `无法识别的表头「${header}」。${templateHint}`);
    } else if (columns.has(header)) fail(headerRow.row, header, 'HEADER_DUPLICATE', `表头「${header}」出现了两次，请删除多余的一列`);
    else columns.set(header, { header, index });
  });
  const required = ['姓名', '手机号', ...(federation ? [SCHOOL_COLUMN] : [])];
  for (const header of required) {
    if (!columns.has(header)) fail(headerRow.row, header, 'HEADER_MISSING', `缺少表头「${header}」。${templateHint}`);
  }
  if (!dataRows.length) fail(headerRow.row + 1, '', 'FILE_EMPTY', '表头下面没有教师，请从第 2 行起每行填写一位教师');

  // Merged cells: a value in the first cell only, so the rows below it would lose it.
  const known = [...columns.values()];
  for (const m of sheet.merges) {
    const inColumns = known.filter((c) => c.index >= m.left && c.index <= m.right);
    if (!inColumns.length && m.top > headerRow.row) continue;
    fail(m.top, inColumns[0]?.header ?? '', 'MERGED_CELLS', `单元格 ${m.ref} 是合并单元格，请取消合并，并在每一行填写完整`);
  }
  if (required.some((header) => !columns.has(header))) return { rows: [], invalid: [], errors, dataRows: dataRows.length };

  const rows: TeacherRow[] = [];
  const invalid: InvalidRow[] = [];
  const phoneRows = new Map<string, number>();
  for (const { row, cells } of dataRows) {
    const before = errors.length;
    const cellOf = (header: string) => {
      const column = columns.get(header);
      const cell = column ? cells[column.index] : undefined;
      if (cell?.formula) {
        fail(row, header, 'FORMULA', `「${header}」是公式，请复制该列后「选择性粘贴 → 数值」，再重新上传`);
        return undefined;
      }
      return cell && cell.text.trim() ? cell : undefined;
    };
    const textOf = (header: string) => cellOf(header)?.text.trim();

    const nameCell = textOf('姓名');
    const name = nameCell === undefined ? undefined : PersonName.safeParse(nameCell);
    if (nameCell === undefined) {
      if (!errors.some((e) => e.row === row && e.column === '姓名')) fail(row, '姓名', 'NAME_MISSING', '请填写姓名');
    } else if (!name?.success) fail(row, '姓名', 'NAME_INVALID', `姓名「${nameCell.slice(0, 40)}」不正确：${name?.error.issues[0]?.message ?? '请检查'}`);

    const phoneCell = cellOf('手机号');
    const phone = phoneCell ? normalizePhone(phoneCell) : undefined;
    if (!phoneCell) {
      if (!errors.some((e) => e.row === row && e.column === '手机号')) fail(row, '手机号', 'PHONE_MISSING', '请填写手机号');
    } else if (!phone) fail(row, '手机号', 'PHONE_INVALID', `手机号「${phoneCell.text.trim().slice(0, 20)}」不是 11 位手机号，请核对`);
    else if ((TEMPLATE_EXAMPLE_PHONES as readonly string[]).includes(phone)) fail(row, '手机号', 'EXAMPLE_ROW', '这是模板中的示例行，请删除这一行');
    else if (phoneRows.has(phone)) fail(row, '手机号', 'PHONE_DUPLICATE', `手机号与第 ${phoneRows.get(phone)} 行重复，一位教师只填一行`);
    else phoneRows.set(phone, row);

    const positionText = textOf('职务');
    const position = positionText === undefined ? undefined : POSITION_BY_LABEL.get(positionText);
    if (positionText !== undefined && !position) {
      fail(row, '职务', 'POSITION_UNKNOWN', `职务「${positionText.slice(0, 20)}」无法识别，请填写：${listText(POSITION_BY_LABEL.keys())}`);
    }

    const listOf = <T extends string>(header: string, known: (v: string) => T | undefined, code: ImportErrorCode, allowed: string) => {
      const text = textOf(header);
      if (text === undefined) return undefined;
      const values = [...new Set(splitList(text))];
      const unknown = values.filter((v) => !known(v));
      if (unknown.length) fail(row, header, code, `${header}「${unknown.join('、').slice(0, 30)}」无法识别，可填写：${allowed}；多个用「、」隔开`);
      else if (values.length > MAX_VALUES) fail(row, header, 'TOO_MANY_VALUES', `${header}最多填写 ${MAX_VALUES} 个`);
      return values.map((v) => known(v) as T);
    };
    const subjects = listOf('学科', (v) => (SUBJECTS.has(v) ? v : undefined), 'SUBJECT_UNKNOWN', `${SUBJECT_NAMES.slice(0, 12).join('、')} 等（见模板「说明」）`);
    const grades = listOf('任教年级', (v) => (GRADES.has(normalizeGrade(v)) ? normalizeGrade(v) : undefined), 'GRADE_UNKNOWN', '一年级…九年级、初一…初三、高一…高三、小班/中班/大班');
    const titles = listOf('称号', (v) => TITLE_BY_LABEL.get(v), 'TITLE_UNKNOWN', listText(TITLE_BY_LABEL.keys()));

    let schoolId = context.schoolId;
    if (context.schools) {
      const schoolName = textOf(SCHOOL_COLUMN);
      schoolId = schoolName === undefined ? undefined : context.schools.get(schoolName.replace(/\s/g, ''));
      if (schoolName === undefined) fail(row, SCHOOL_COLUMN, 'SCHOOL_MISSING', '请填写学校名称');
      else if (!schoolId) fail(row, SCHOOL_COLUMN, 'SCHOOL_UNKNOWN', `学校「${schoolName.slice(0, 40)}」不在本校联体，请填写：${listText(context.schools.keys())}`);
    }

    if (errors.length > before || !name?.success || !phone || !schoolId) {
      invalid.push({ row, name: (nameCell ?? '').slice(0, 32), ...(phone ? { phone } : {}) });
      continue;
    }
    rows.push({
      row,
      name: name.data,
      phone,
      schoolId,
      ...(position ? { position } : {}),
      ...(subjects ? { subjects } : {}),
      ...(grades ? { grades } : {}),
      ...(titles ? { titles } : {}),
    });
  }
  return { rows, invalid, errors, dataRows: dataRows.length };
}
