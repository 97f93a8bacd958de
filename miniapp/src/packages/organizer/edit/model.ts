import type { GeofenceMode, TransitionTopic } from '@lianyan/shared';
import { TRANSITION_TOPIC_LABELS, TRANSITION_TOPICS } from '@lianyan/shared';
import { MAX_MATERIALS, type CreditMode, type DeadlineField, type FieldErrors, type MaterialKind, type MaterialRow, type SessionForm } from './form';

// The page's logic besides validation (form.ts): the choices it offers, the most each text field takes, and the
// changes a tap makes to the form — pure, so each part of the page (Basics, TimePlace, Rules, Scope, Materials) is
// a view over the form and one `update`.

/** What every part of the page gets: the form, its errors, and the ways to change it. */
export interface PartProps {
  form: SessionForm;
  errors: FieldErrors;
  set: <K extends keyof SessionForm>(key: K, value: SessionForm[K]) => void;
  update: (change: (form: SessionForm) => SessionForm) => void;
}

export type TextKey = { [K in keyof SessionForm]: SessionForm[K] extends string ? K : never }[keyof SessionForm];

/** The most each free-text field takes (the API's limits), shown by its counter. */
export const TEXT_MAX = {
  title: 60,
  subject: 20,
  grade: 20,
  lessonTeacherName: 32,
  lessonClassName: 32,
  lessonTopic: 100,
  speaker: 40,
  venueName: 100,
  onlineUrl: 500,
  parentGrades: 100,
  materialTitle: 60,
  materialUrl: 500,
} as const;

export const MODE_OPTIONS = [
  { value: 'offline', label: '线下' },
  { value: 'online', label: '线上' },
] as const;
export const GEOFENCE_OPTIONS: ReadonlyArray<{ value: GeofenceMode; label: string }> = [
  { value: 'off', label: '不检查' },
  { value: 'flag', label: '仅标记' },
  { value: 'reject', label: '拒绝' },
];
export const CREDIT_OPTIONS: ReadonlyArray<{ value: CreditMode; label: string }> = [
  { value: 'proportional', label: '按在场时长' },
  { value: 'full_or_none', label: '全程才计' },
];
export const TOPIC_OPTIONS: ReadonlyArray<{ value: TransitionTopic | ''; label: string }> = [
  { value: '', label: '无' },
  ...TRANSITION_TOPICS.map((topic) => ({ value: topic, label: TRANSITION_TOPIC_LABELS[topic] })),
];
export const MATERIAL_KIND_OPTIONS: ReadonlyArray<{ value: MaterialKind; label: string }> = [
  { value: 'slides', label: '课件' },
  { value: 'video', label: '视频' },
  { value: 'link', label: '链接' },
];

export function pickerIndex(event: { detail: { value: unknown } }): number {
  return Number(event.detail.value);
}

export const withMaterial = (form: SessionForm, index: number, change: Partial<MaterialRow>): SessionForm => ({
  ...form,
  materials: form.materials.map((m, i) => (i === index ? { ...m, ...change } : m)),
});

export const withMaterialAdded = (form: SessionForm): SessionForm =>
  form.materials.length >= MAX_MATERIALS ? form : { ...form, materials: [...form.materials, { title: '', url: '', kind: 'slides' }] };

export const withoutMaterial = (form: SessionForm, index: number): SessionForm => ({ ...form, materials: form.materials.filter((_, i) => i !== index) });

/** Row errors are by index: after a removal they would point at the wrong rows. */
export const withoutMaterialErrors = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).filter(([key]) => !key.startsWith('materials.')));

/** Picking one half of an unset deadline takes the other half from the start. */
export function withDeadline(form: SessionForm, field: DeadlineField, part: 'Date' | 'Time', value: string): SessionForm {
  return {
    ...form,
    [`${field}Date`]: part === 'Date' ? value : form[`${field}Date`] || form.startDate,
    [`${field}Time`]: part === 'Time' ? value : form[`${field}Time`] || form.startTime,
  };
}

export const withDeadlineReset = (form: SessionForm, field: DeadlineField): SessionForm => ({ ...form, [`${field}Date`]: '', [`${field}Time`]: '' });

export const withSchoolToggled = (form: SessionForm, id: string): SessionForm => ({
  ...form,
  audienceSchoolIds: form.audienceSchoolIds.includes(id) ? form.audienceSchoolIds.filter((s) => s !== id) : [...form.audienceSchoolIds, id],
});

/** Another federation: its first host school, and no schools of the old one left in the audience. */
export const withFederation = (form: SessionForm, hostSchoolId: string): SessionForm => ({ ...form, hostSchoolId, audienceSchoolIds: [] });

/** A place picked on the map: its coordinates, and its name unless one was typed. */
export const withPlace = (form: SessionForm, place: { name: string; lat: number; lng: number }): SessionForm => ({
  ...form,
  venueName: form.venueName || place.name.slice(0, TEXT_MAX.venueName),
  lat: place.lat.toFixed(6),
  lng: place.lng.toFixed(6),
});

/** The typed coordinates, when both are numbers: where the map opens. */
export function typedPlace(form: Pick<SessionForm, 'lat' | 'lng'>): { lat: number; lng: number } | undefined {
  const lat = Number(form.lat);
  const lng = Number(form.lng);
  return form.lat && form.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : undefined;
}
