import * as z from 'zod/mini';

export const Id = z.string().check(
  z.minLength(1, '编号不能为空'),
  z.maxLength(64, '编号过长'),
  z.regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确'),
);

/** DynamoDB stores no number below 1e-130 in magnitude: a stored decimal from a request keeps to six places. */
export const sensibleDecimal = () => z.refine<number>((v) => v === 0 || Math.abs(v) >= 1e-6, '数值过小或精度过高');

export const IsoDateTime = z.iso.datetime({ offset: true, error: '时间格式不正确，应为 ISO-8601' });

export const PersonName = z.string().check(
  z.trim(),
  z.minLength(1, '请填写姓名'),
  z.maxLength(32, '姓名最多 32 个字'),
);

export const Health = z.object({ status: z.literal('ok'), stage: z.string(), time: IsoDateTime });
export type Health = z.infer<typeof Health>;

export const Page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.optional(z.string()) });

export const IdParams = z.object({ id: Id });
export type IdParams = z.infer<typeof IdParams>;
