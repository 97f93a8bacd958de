import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { GroupList, School } from '@lianyan/shared';
import { Choices, FormField, TextInput } from '@/components/FormField';
import { listGroups } from '@/services/groups';
import { errorMessage } from '@/utils/labels';
import type { AudienceType, SessionForm } from './form';
import { TEXT_MAX } from './model';

const AUDIENCE_OPTIONS: ReadonlyArray<{ value: AudienceType; label: string }> = [
  { value: 'federation', label: '整个校联体' },
  { value: 'schools', label: '选定学校' },
  { value: 'group', label: '中心教研组' },
  { value: 'parents', label: '家长（选定学校）' },
];

type AudienceForm = Pick<SessionForm, 'audienceType' | 'audienceSchoolIds' | 'groupId' | 'groupName' | 'groupSubject' | 'groupGrade' | 'parentGrades'>;

interface AudienceFieldProps {
  form: AudienceForm;
  federationId: string;
  schools: School[];
  error?: string | undefined;
  onChange: (change: Partial<AudienceForm>) => void;
  onToggleSchool: (id: string) => void;
}

/** 参与对象: the whole federation, chosen schools, a 中心教研组 from the federation's list, or parents of chosen schools. */
export function AudienceField({ form, federationId, schools, error, onChange, onToggleSchool }: AudienceFieldProps) {
  return (
    <FormField label='参与对象' name='audience' error={error}>
      <Choices name='edit-audience' options={AUDIENCE_OPTIONS} selected={form.audienceType} onSelect={(v) => onChange({ audienceType: v })} />
      {form.audienceType === 'schools' || form.audienceType === 'parents' ? (
        <View className='edit-schools'>
          <Choices
            name='edit-school'
            options={schools.map((s) => ({ value: s.id, label: s.isCore ? `${s.name}（核心校）` : s.name }))}
            selected={form.audienceSchoolIds}
            onSelect={onToggleSchool}
          />
        </View>
      ) : null}
      {form.audienceType === 'group' ? <GroupChoice form={form} federationId={federationId} onChange={onChange} /> : null}
      {form.audienceType === 'parents' ? (
        <TextInput
          testId='edit-parentGrades'
          value={form.parentGrades}
          max={TEXT_MAX.parentGrades}
          placeholder='年级（可选，多个用顿号分隔）'
          onInput={(parentGrades) => onChange({ parentGrades })}
        />
      ) : null}
    </FormField>
  );
}

type Groups = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: GroupList['items'] };

function GroupChoice({ form, federationId, onChange }: { form: AudienceForm; federationId: string; onChange: (change: Partial<AudienceForm>) => void }) {
  const [groups, setGroups] = useState<Groups>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setGroups({ kind: 'loading' });
    listGroups(federationId)
      .then((list) => current && setGroups({ kind: 'ready', items: list.items }))
      .catch((failure: unknown) => current && setGroups({ kind: 'failed', message: errorMessage(failure, '教研组加载失败') }));
    return () => {
      current = false;
    };
  }, [federationId, attempt]);

  const legacy = !form.groupId && (form.groupSubject || form.groupGrade);
  return (
    <View className='edit-groups' data-testid='edit-groups'>
      {legacy ? (
        <Text className='muted' data-testid='edit-group-legacy'>
          当前按学科和年级：{form.groupSubject} · {form.groupGrade}（旧版参与范围，仍然有效）。选择下面的教研组可改为按教研组成员。
        </Text>
      ) : null}
      {groups.kind === 'loading' ? <Text className='muted'>{form.groupName ? `已选：${form.groupName}，正在加载教研组…` : '正在加载教研组…'}</Text> : null}
      {groups.kind === 'failed' ? (
        <Text className='error-text' onClick={() => setAttempt((n) => n + 1)}>
          {groups.message}，点此重试
        </Text>
      ) : null}
      {groups.kind === 'ready' && groups.items.length === 0 ? <Text className='muted'>本校联体还没有中心教研组，请校联体管理员在「管理 → 中心教研组」中建立。</Text> : null}
      {groups.kind === 'ready' && groups.items.length > 0 ? (
        <Choices
          name='edit-group'
          options={groups.items.map((g) => ({ value: g.id, label: `${g.name}（${g.memberCount} 人）` }))}
          selected={form.groupId}
          onSelect={(id) => onChange({ groupId: id, groupName: groups.items.find((g) => g.id === id)?.name ?? '', groupSubject: '', groupGrade: '' })}
        />
      ) : null}
      {form.groupId ? <Text className='form-field__hint'>发布时按该组当时的成员确定应到人员。</Text> : null}
    </View>
  );
}
