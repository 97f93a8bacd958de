import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { POSITION_LABELS, POSITIONS, TITLE_LABELS, TITLES, type Person } from '@lianyan/shared';
import { CharCounter, Choices, FormField } from '@/components/FormField';
import { createPerson, updatePerson } from '@/services/people';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import {
  COMMON_GRADES,
  COMMON_SUBJECTS,
  checkNewPerson,
  checkPersonChange,
  emptyPersonForm,
  personFormOf,
  toggle,
  type PersonForm,
  type PersonFormErrors,
} from './model';

const POSITION_OPTIONS = POSITIONS.map((value) => ({ value, label: POSITION_LABELS[value] }));
const TITLE_OPTIONS = TITLES.map((value) => ({ value, label: TITLE_LABELS[value] }));
const SUBJECT_OPTIONS = COMMON_SUBJECTS.map((value) => ({ value, label: value }));
const GRADE_OPTIONS = COMMON_GRADES.map((value) => ({ value, label: value }));

interface PersonSheetProps {
  schoolId: string;
  schoolName: string;
  /** The teacher to change; none adds a new one. */
  person?: Person;
  onDone: (person: Person) => void;
  onCancel: () => void;
}

/** 添加教师 / 编辑教师: name, phone, position and the subjects, grades and titles as chips. */
export function PersonSheet({ schoolId, schoolName, person, onDone, onCancel }: PersonSheetProps) {
  const [form, setForm] = useState<PersonForm>(person ? personFormOf(person) : emptyPersonForm());
  const [errors, setErrors] = useState<PersonFormErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PersonForm>(key: K, value: PersonForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  // Subjects and grades outside the common lists (from an import) stay choosable.
  const subjectOptions = [...SUBJECT_OPTIONS, ...form.subjects.filter((s) => !COMMON_SUBJECTS.includes(s as never)).map((value) => ({ value, label: value }))];
  const gradeOptions = [...GRADE_OPTIONS, ...form.grades.filter((g) => !COMMON_GRADES.includes(g as never)).map((value) => ({ value, label: value }))];

  const submit = async () => {
    if (busy) return;
    const checked = person ? checkPersonChange(person, form) : checkNewPerson(form);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      onDone(person ? await updatePerson(person.id, checked.request) : await createPerson(schoolId, checked.request as Parameters<typeof createPerson>[1]));
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0]])) as PersonFormErrors);
      setFormError(errorMessage(error, '保存失败，请重试'));
      setBusy(false);
    }
  };

  return (
    <View className='sheet' data-testid='person-sheet'>
      <View className='sheet__panel people-sheet'>
        <Text className='sheet__title'>{person ? `编辑「${person.name}」` : '添加教师'}</Text>
        <Text className='sheet__sub'>{schoolName}</Text>
        <FormField label='姓名' name='person-name' error={errors.name}>
          <Input className='input' data-testid='person-name' maxlength={32} value={form.name} onInput={(e) => set('name', e.detail.value)} />
          <CharCounter value={form.name} max={32} testId='person-name' />
        </FormField>
        <FormField
          label={person ? '手机号（不改请留空）' : '手机号'}
          name='person-phone'
          error={errors.phone}
          hint={person?.phoneMasked ? `当前：${person.phoneMasked}` : '教师用这个手机号登录即可进入本校'}
        >
          <Input className='input' data-testid='person-phone' type='number' maxlength={13} value={form.phone} onInput={(e) => set('phone', e.detail.value)} />
        </FormField>
        <FormField label='职务' name='person-position' error={errors.position}>
          <Choices name='person-position' options={POSITION_OPTIONS} selected={form.position} onSelect={(v) => set('position', v)} />
        </FormField>
        <FormField label='任教学科（可多选）' name='person-subjects' error={errors.subjects}>
          <Choices name='person-subject' options={subjectOptions} selected={form.subjects} onSelect={(v) => set('subjects', toggle(form.subjects, v))} />
        </FormField>
        <FormField label='任教年级（可多选）' name='person-grades' error={errors.grades}>
          <Choices name='person-grade' options={gradeOptions} selected={form.grades} onSelect={(v) => set('grades', toggle(form.grades, v))} />
        </FormField>
        <FormField label='称号（可多选）' name='person-titles' error={errors.titles}>
          <Choices name='person-title' options={TITLE_OPTIONS} selected={form.titles} onSelect={(v) => set('titles', toggle(form.titles, v))} />
        </FormField>
        {formError ? (
          <Text className='form-error' data-testid='person-error'>
            {formError}
          </Text>
        ) : null}
        <View className='people-sheet__actions'>
          <Button className='btn btn--secondary' data-testid='person-cancel' onClick={onCancel}>
            取消
          </Button>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='person-save' onClick={() => void submit()}>
            {busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      </View>
    </View>
  );
}
