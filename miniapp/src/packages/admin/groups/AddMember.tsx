import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { GroupDetail, Person, School } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { searchTeachers } from '@/services/groups';
import { errorMessage } from '@/utils/labels';
import { candidates } from './model';

interface AddMemberProps {
  detail: GroupDetail;
  schools: School[];
  busy: boolean;
  onAdd: (personId: string) => void;
}

/** Adds a teacher of the federation by hand: pick the school, search the roster by name, tap 添加. */
export function AddMember({ detail, schools, busy, onAdd }: AddMemberProps) {
  const [schoolId, setSchoolId] = useState(schools[0]?.id ?? '');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [error, setError] = useState('');
  const [searching, setSearching] = useState(false);

  const search = async () => {
    if (!schoolId || searching) return;
    setSearching(true);
    setError('');
    try {
      setFound((await searchTeachers(schoolId, q)).items);
    } catch (failure) {
      setError(errorMessage(failure, '搜索失败，请重试'));
    } finally {
      setSearching(false);
    }
  };

  const options = schools.map((s) => ({ value: s.id, label: s.name }));
  const rows = found ? candidates(found, detail) : [];
  return (
    <View className='card' data-testid='group-add'>
      <Text className='card__title'>添加成员</Text>
      <Choices
        name='group-add-school'
        options={options}
        selected={schoolId}
        onSelect={(id) => {
          setSchoolId(id);
          setFound(null);
        }}
      />
      <View className='row'>
        <Input className='input' data-testid='group-add-q' maxlength={20} placeholder='姓名或手机号后几位' value={q} onInput={(e) => setQ(e.detail.value)} onConfirm={() => void search()} />
        <Button className='btn btn--secondary btn--small' data-testid='group-add-search' onClick={() => void search()}>
          {searching ? '搜索中…' : '搜索'}
        </Button>
      </View>
      {error ? <Text className='error-text'>{error}</Text> : null}
      {found && rows.length === 0 ? <Text className='muted'>没有可添加的教师（已是成员的不再列出）。</Text> : null}
      {rows.map((p) => (
        <View key={p.id} className='group-member' data-testid={`group-candidate-${p.id}`}>
          <View className='group-member__main'>
            <Text className='group-member__name'>{p.name}</Text>
            <Text className='muted'>{[...p.subjects, ...p.grades].join('、') || '未填学科和年级'}</Text>
          </View>
          <Button className='btn btn--small' data-testid={`group-add-${p.id}`} disabled={busy} onClick={() => onAdd(p.id)}>
            添加
          </Button>
        </View>
      ))}
    </View>
  );
}
