// Error codes are English and stable (clients switch on them); messages are Chinese and shown to users.
/** @public the list behind ErrorCode */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'BAD_REQUEST',
  'HEADERS_TOO_LARGE',
  'INVALID_CURSOR',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED_LOGIN',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOGIN_CODE_INVALID',
  'INVITE_INVALID',
  'INVITE_EXPIRED',
  'INVITE_USED_UP',
  'UPSTREAM_UNAVAILABLE',
  'RATE_LIMITED',
  'UPLOAD_INVALID',
  'UPLOAD_TOO_LARGE',
  'ENTRY_NOT_EDITABLE',
  'ALREADY_REVIEWED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const DEFAULT_ERROR_MESSAGES: Record<(typeof ERROR_CODES)[number], string> = {
  VALIDATION_FAILED: '提交的内容有误，请检查标出的字段后重试',
  INVALID_JSON: '请求内容不是有效的 JSON，请刷新后重试',
  BAD_REQUEST: '请求地址无效，请检查链接是否完整后重试',
  HEADERS_TOO_LARGE: '请求头或链接过长，请缩短后重试',
  INVALID_CURSOR: '分页信息无效或已过期，请从第一页重新加载',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED_LOGIN: '登录已过期，请重新登录',
  FORBIDDEN: '你没有权限进行此操作',
  NOT_FOUND: '请求的内容不存在',
  CONFLICT: '数据已被修改，请刷新后重试',
  LOGIN_CODE_INVALID: '登录凭证无效或已使用，请重新登录',
  INVITE_INVALID: '邀请码无效，请核对后重新输入',
  INVITE_EXPIRED: '邀请码已过期，请联系管理员重新获取',
  INVITE_USED_UP: '邀请码已达使用次数上限，请联系管理员',
  UPSTREAM_UNAVAILABLE: '微信或钉钉服务暂时不可用，请稍后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UPLOAD_INVALID: '文件内容不是 JPG、PNG、WebP 图片或 PDF，请重新选择文件',
  UPLOAD_TOO_LARGE: '文件不能超过 10 MB，请压缩后重新上传',
  ENTRY_NOT_EDITABLE: '这条记录已审核或由系统自动生成，不能修改或删除',
  ALREADY_REVIEWED: '这条记录已经审核过了，请刷新列表',
  SERVICE_UNAVAILABLE: '服务繁忙，请稍后重试',
  INTERNAL: '服务器开小差了，请稍后重试',
};

/** Sign-in errors (issue 3): each names what the person can do next. */
export const SIGN_IN_ERROR_MESSAGES = {
  TOKEN_EXPIRED: '二维码已过期，请重新扫描',
  TOKEN_INVALID: '二维码无效，请扫描本次活动现场的二维码',
  WINDOW_CLOSED: '不在签到时间',
  NOT_IN_AUDIENCE: '你不在本次活动的参与范围',
  OUTSIDE_GEOFENCE: '不在活动范围内，请到活动现场后再扫码',
  REPLAY_TOO_OLD: '离线保存的签到已超过补交时限，请联系活动组织者补签',
  NOT_SIGNED_IN: '你还没有签到，请先签到再签退',
  SCANNED_AT_IN_FUTURE: '扫码时间晚于当前时间，请校准手机时间后重新扫描',
  SESSION_NOT_PUBLISHED: '活动尚未发布或已取消',
} as const;

/** Family-education errors (issue 4). */
export const FAMILY_ERROR_MESSAGES = {
  SESSION_FULL: '名额已满',
  REGISTRATION_CLOSED: '报名已截止',
  NOT_IN_AUDIENCE: '你的孩子不在本次活动的参与范围',
  CHILD_PARENTS_FULL: '该学生已绑定两位家长，如需更换请联系班主任',
  INVITE_NOT_FOR_PARENTS: '这不是家长邀请码，请向班主任或学校索取家长邀请码',
} as const;

/** Check-in errors (issue 6); the service adds the figures (how many characters, photos, make-ups). */
export const CHECKIN_ERROR_MESSAGES = {
  ALREADY_CHECKED_IN: '这一期已经打过卡了，不用重复提交',
  PERIOD_CLOSED: '现在不能为这一期打卡',
  MAKEUP_EXHAUSTED: '补卡次数已用完，请之后按时打卡',
  CONTENT_TOO_SHORT: '打卡内容字数不够，请再写几句',
  PHOTOS_REQUIRED: '请上传要求数量的照片后再提交',
  NOT_IN_AUDIENCE: '你不在这个打卡活动的参与范围',
} as const;
