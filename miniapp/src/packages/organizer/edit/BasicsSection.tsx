import { Picker, Text, View } from '@tarojs/components';
import { SESSION_KIND_LABELS, SESSION_KINDS, type School } from '@lianyan/shared';
import { Choices, FormField } from '@/components/FormField';
import { isFamilyKind, LESSON_KINDS } from './form';
import { FormText } from './Inputs';
import { LessonScaleField } from './LessonScale';
import { MODE_OPTIONS, pickerIndex, TOPIC_OPTIONS, type PartProps } from './model';

const KIND_LABELS = SESSION_KINDS.map((kind) => SESSION_KIND_LABELS[kind]);

/** 基本信息: kind, name, form, subject and grade, host school; the lesson of a 听评课, the speaker of a family session. */
export function BasicsSection({ hostSchools, federationId, ...part }: PartProps & { hostSchools: School[]; federationId: string }) {
  const { form, errors, set } = part;
  const hostIndex = Math.max(0, hostSchools.findIndex((s) => s.id === form.hostSchoolId));
  return (
    <>
      <Text className='section-title'>基本信息</Text>
      <View className='card'>
        <FormField label='活动类型' name='kind' error={errors.kind}>
          <Picker mode='selector' range={KIND_LABELS} value={SESSION_KINDS.indexOf(form.kind)} onChange={(e) => set('kind', SESSION_KINDS[pickerIndex(e)] ?? form.kind)}>
            <View className='picker-value' data-testid='edit-kind'>
              {SESSION_KIND_LABELS[form.kind]}
            </View>
          </Picker>
        </FormField>
        <FormField label='活动名称' name='title' error={errors.title}>
          <FormText {...part} name='title' placeholder='例如：联合教研——课堂提问的有效性' />
        </FormField>
        <FormField label='形式' name='mode' error={errors.mode}>
          <Choices name='edit-mode' options={MODE_OPTIONS} selected={form.mode} onSelect={(v) => set('mode', v)} />
        </FormField>
        <View className='row row--top'>
          <FormField label='学科（可选）' name='subject' error={errors.subject}>
            <FormText {...part} name='subject' placeholder='语文' />
          </FormField>
          <FormField label='年级（可选）' name='grade' error={errors.grade}>
            <FormText {...part} name='grade' placeholder='四年级' />
          </FormField>
        </View>
        <FormField label='主办学校' name='hostSchoolId' error={errors.hostSchoolId}>
          <Picker mode='selector' range={hostSchools.map((s) => s.name)} value={hostIndex} onChange={(e) => set('hostSchoolId', hostSchools[pickerIndex(e)]?.id ?? form.hostSchoolId)}>
            <View className='picker-value' data-testid='edit-hostSchoolId'>
              {hostSchools[hostIndex]?.name ?? '请选择主办学校'}
            </View>
          </Picker>
        </FormField>
        {LESSON_KINDS.includes(form.kind) ? (
          <FormField label='授课信息' name='lesson' error={errors.lesson}>
            <View className='stack'>
              <FormText {...part} name='lessonTeacherName' placeholder='授课教师姓名' />
              <FormText {...part} name='lessonClassName' placeholder='授课班级，例如 四年级(2)班' />
              <FormText {...part} name='lessonTopic' placeholder='课题，例如《爬山虎的脚》' />
            </View>
          </FormField>
        ) : null}
        {LESSON_KINDS.includes(form.kind) ? (
          <LessonScaleField form={form} federationId={federationId} hostSchoolId={form.hostSchoolId} error={errors.scaleId} onChange={(c) => part.update((f) => ({ ...f, ...c }))} />
        ) : null}
        {isFamilyKind(form.kind) ? (
          <>
            <FormField label='主讲人（可选）' name='speaker' error={errors.speaker}>
              <FormText {...part} name='speaker' placeholder='例如：周慧敏 心理健康教师' />
            </FormField>
            <FormField label='衔接主题（可选）' name='topic' error={errors.topic} hint='家长可按主题筛选活动。'>
              <Choices name='edit-topic' options={TOPIC_OPTIONS} selected={form.topic} onSelect={(v) => set('topic', v)} />
            </FormField>
          </>
        ) : null}
      </View>
    </>
  );
}
