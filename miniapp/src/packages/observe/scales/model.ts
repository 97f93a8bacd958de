import * as z from 'zod/mini';
import { CreateScaleRequest, type ObservationScale } from '@lianyan/shared';

// 课堂观察量表 editor: a scale as the form holds it (numbers as typed, items and text fields one per line), checked by
// the same schema the API uses; pure.

export interface DimensionDraft {
  name: string;
  weight: string;
  /** One 观察项 per line. */
  items: string;
}
export interface ScaleDraft {
  name: string;
  min: string;
  max: string;
  dimensions: DimensionDraft[];
  /** One free-text field per line (besides 亮点 and 建议). */
  textFields: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export const emptyDimension = (): DimensionDraft => ({ name: '', weight: '', items: '' });

/** The form of an existing scale (its current version), or a new one to start from. */
export function draftOf(scale?: ObservationScale): ScaleDraft {
  if (!scale) return { name: '', min: '1', max: '5', dimensions: [emptyDimension()], textFields: '' };
  return {
    name: scale.name,
    min: String(scale.scoreRange.min),
    max: String(scale.scoreRange.max),
    dimensions: scale.dimensions.map((d) => ({ name: d.name, weight: String(d.weight), items: d.items.map((i) => i.label).join('\n') })),
    textFields: scale.textFields.join('\n'),
  };
}

/** The weights typed so far, added up (they must make 100). */
export const weightSum = (draft: ScaleDraft) => draft.dimensions.reduce((sum, d) => sum + (Number(d.weight) || 0), 0);

/** The request body, or the first problem in Chinese (as the API would say it). */
export function requestOf(draft: ScaleDraft): { ok: true; body: CreateScaleRequest } | { ok: false; message: string } {
  const body = {
    name: draft.name.trim(),
    dimensions: draft.dimensions.map((d) => ({ name: d.name.trim(), weight: Number(d.weight), items: lines(d.items).map((label) => ({ label })) })),
    scoreRange: { min: Number(draft.min), max: Number(draft.max) },
    textFields: lines(draft.textFields),
  };
  const parsed = CreateScaleRequest.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const flat = z.flattenError(parsed.error);
  const message = flat.formErrors[0] ?? Object.values(flat.fieldErrors).flat()[0] ?? parsed.error.issues[0]?.message ?? '量表填写有误，请检查';
  return { ok: false, message: String(message) };
}

/** `5 个维度 · 11 项 · 1–5 分 · 第 2 版` */
export function scaleSummary(scale: ObservationScale): string {
  const items = scale.dimensions.reduce((n, d) => n + d.items.length, 0);
  return `${scale.dimensions.length} 个维度 · ${items} 项 · ${scale.scoreRange.min}–${scale.scoreRange.max} 分 · 第 ${scale.version} 版`;
}
