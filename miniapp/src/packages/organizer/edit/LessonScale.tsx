import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { ObservableTeacher, ObservationScale } from '@lianyan/shared';
import { FormField } from '@/components/FormField';
import { listObservableTeachers, listScales } from '@/services/observations';
import { errorMessage } from '@/utils/labels';
import { scaleOptions, type LessonScaleForm } from './lesson-scale';

type Loaded<T> = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: T[] };

interface Props {
  form: LessonScaleForm;
  federationId: string;
  hostSchoolId: string;
  error?: string | undefined;
  onChange: (change: Partial<LessonScaleForm>) => void;
}

/**
 * 评课方式 of a 听评课 / 示范课: stars, or an observation scale of the federation. With a scale, the teaching teacher is
 * picked from the host school's teachers: the 评课 then counts as an observation of them, and they read it.
 */
export function LessonScaleField({ form, federationId, hostSchoolId, error, onChange }: Props) {
  const [scales, setScales] = useState<Loaded<ObservationScale>>({ kind: 'loading' });
  const [teachers, setTeachers] = useState<Loaded<ObservableTeacher>>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    listScales(federationId).then(
      (list) => live && setScales({ kind: 'ready', items: list.items }),
      (failure: unknown) => live && setScales({ kind: 'failed', message: errorMessage(failure, '量表加载失败') }),
    );
    return () => {
      live = false;
    };
  }, [federationId]);

  useEffect(() => {
    if (!form.scaleId || !hostSchoolId) return undefined;
    let live = true;
    setTeachers({ kind: 'loading' });
    listObservableTeachers(hostSchoolId).then(
      (list) => live && setTeachers({ kind: 'ready', items: list.items }),
      (failure: unknown) => live && setTeachers({ kind: 'failed', message: errorMessage(failure, '教师名单加载失败') }),
    );
    return () => {
      live = false;
    };
  }, [form.scaleId, hostSchoolId]);

  const options = scaleOptions(scales.kind === 'ready' ? scales.items : [], form.scaleId);
  const scaleIndex = Math.max(0, options.findIndex((o) => o.id === form.scaleId));
  const teacherList = teachers.kind === 'ready' ? teachers.items : [];
  const teacherIndex = teacherList.findIndex((t) => t.id === form.lessonTeacherId);

  return (
    <FormField label='评课方式' name='scaleId' error={error} hint={form.scaleId ? '按量表评课计入听评课覆盖和听课次数，授课教师会在「我的听课」读到评课反馈。' : '听课教师打星并写评课意见。'}>
      {scales.kind === 'failed' ? <Text className='error-text'>{scales.message}</Text> : null}
      <Picker mode='selector' range={options.map((o) => o.label)} value={scaleIndex} onChange={(e) => onChange({ scaleId: options[Number(e.detail.value)]?.id ?? '' })}>
        <View className='picker-value' data-testid='edit-scaleId'>
          {scales.kind === 'loading' ? '正在加载量表…' : (options[scaleIndex]?.label ?? '星级评课')}
        </View>
      </Picker>
      {form.scaleId ? (
        <View className='stack'>
          <Text className='muted'>授课教师（从主办学校的教师中选择）</Text>
          {teachers.kind === 'failed' ? <Text className='error-text'>{teachers.message}</Text> : null}
          <Picker
            mode='selector'
            range={teacherList.map((t) => t.name)}
            value={Math.max(0, teacherIndex)}
            onChange={(e) => {
              const teacher = teacherList[Number(e.detail.value)];
              if (teacher) onChange({ lessonTeacherId: teacher.id, lessonTeacherName: teacher.name });
            }}
          >
            <View className={`picker-value${teacherIndex < 0 ? ' picker-value--muted' : ''}`} data-testid='edit-lessonTeacherId'>
              {teachers.kind === 'loading' ? '正在加载教师…' : teacherIndex >= 0 ? teacherList[teacherIndex]?.name : form.lessonTeacherId ? form.lessonTeacherName : '请选择授课教师'}
            </View>
          </Picker>
        </View>
      ) : null}
    </FormField>
  );
}
