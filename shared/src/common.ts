import * as z from 'zod/mini';
import { IsoDateTime, code, line, shaped } from './fields.ts';

export { IsoDateTime };

export const Id = shaped(/^[A-Za-z0-9_-]+$/, '编号格式不正确', 64, { prepare: [z.minLength(1, { error: '编号不能为空', abort: true })] });

export const PersonName = line('姓名', 32, 1);

/** A page's continuation, as the API handed it out. */
export const Cursor = code('翻页标记', 2048);

export const Health = z.object({ status: z.literal('ok'), stage: z.string(), time: IsoDateTime });
export type Health = z.infer<typeof Health>;

export const Page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.optional(z.string()) });

export const IdParams = z.object({ id: Id });
export type IdParams = z.infer<typeof IdParams>;
