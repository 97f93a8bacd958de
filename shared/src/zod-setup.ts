import * as z from 'zod/mini';

// Chinese default messages, each saying what to do, for every schema that does not name its own (zod's zh-CN locale
// reads "无效输入：期望 number，实际接收 string"; its English default, "Invalid input", reached forms before).

const TYPE_WANTED: Record<string, string> = {
  number: '请填写数字',
  int: '请填写整数',
  string: '请填写文字',
  boolean: '请选择是或否',
  array: '请选择一项或多项',
  object: '内容格式不正确，请重新填写',
};

const FORMAT_WANTED: Record<string, string> = {
  date: '日期格式应为 YYYY-MM-DD',
  datetime: '时间格式不正确，请重新选择',
  url: '请填写以 http:// 或 https:// 开头的链接',
  email: '请填写正确的电子邮箱',
};

function bound(issue: { origin?: string; inclusive?: boolean }, limit: number | bigint, big: boolean): string {
  const n = Number(limit);
  if (issue.origin === 'string') return big ? `最多 ${issue.inclusive === false ? n - 1 : n} 个字` : `至少 ${issue.inclusive === false ? n + 1 : n} 个字`;
  if (issue.origin === 'array' || issue.origin === 'set') return big ? `最多选择 ${n} 项` : `至少选择 ${n} 项`;
  if (issue.inclusive === false) return big ? `应小于 ${n}` : `应大于 ${n}`;
  return big ? `不能大于 ${n}` : `不能小于 ${n}`;
}

/** The message for an issue whose schema names none. */
function chineseMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '请填写此项' : (TYPE_WANTED[issue.expected] ?? '内容格式不正确，请重新填写');
    case 'invalid_value':
      return issue.values.length === 1 ? '此项的值不正确，请重新选择' : '请从给出的选项中选择';
    case 'too_big':
      return bound(issue, issue.maximum, true);
    case 'too_small':
      return bound(issue, issue.minimum, false);
    case 'invalid_format':
      return FORMAT_WANTED[issue.format] ?? '格式不正确，请检查后重新填写';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `含有无法识别的内容：${issue.keys.join('、')}，请去掉后重试`;
    case 'invalid_union':
      return '请从给出的类型中选择一种，并按它的要求填写';
    default:
      return '内容不符合要求，请检查后重新填写';
  }
}

z.config({ localeError: chineseMessage });
