import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Person } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { listPeople } from '@/services/people';
import { errorMessage } from '@/utils/labels';
import type { SchoolChoice } from '../people/model';

type Found = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: Person[] };

/** A teacher of one of the schools offered, found by name on that school's roster. */
export function TeacherPicker(props: { name: string; schools: SchoolChoice[]; initialSchoolId: string; selected: string; onSelect: (person: Person | undefined) => void }) {
  const { name, schools, selected, onSelect } = props;
  const [schoolId, setSchoolId] = useState(props.initialSchoolId);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found>({ kind: 'loading' });

  const search = useCallback(async (id: string, query: string) => {
    setFound({ kind: 'loading' });
    try {
      const page = await listPeople(id, { q: query, limit: 30 });
      setFound({ kind: 'ready', items: page.items.filter((p) => p.status !== 'left') });
    } catch (error) {
      setFound({ kind: 'failed', message: errorMessage(error, '教师名册加载失败，请重试') });
    }
  }, []);
  useEffect(() => {
    void search(schoolId, '');
  }, [schoolId, search]);

  const byId = new Map(found.kind === 'ready' ? found.items.map((p) => [p.id, p]) : []);
  return (
    <View data-testid={`${name}-picker`}>
      {schools.length > 1 ? (
        <Choices
          name={`${name}-school`}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          selected={schoolId}
          onSelect={(id) => {
            setSchoolId(id);
            onSelect(undefined);
          }}
        />
      ) : null}
      <View className='mentors-search'>
        <Input className='input' data-testid={`${name}-search`} placeholder='输入姓名查找' maxlength={20} value={q} confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={() => void search(schoolId, q.trim())} />
        <Button className='btn btn--small' onClick={() => void search(schoolId, q.trim())}>
          查找
        </Button>
      </View>
      {found.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {found.kind === 'failed' ? <Text className='form-error'>{found.message}</Text> : null}
      {found.kind === 'ready' && found.items.length === 0 ? <Text className='muted'>没有找到教师，请换个姓名试试。</Text> : null}
      {found.kind === 'ready' && found.items.length > 0 ? (
        <Choices name={name} options={found.items.map((p) => ({ value: p.id, label: p.name }))} selected={selected} onSelect={(id) => onSelect(byId.get(id))} />
      ) : null}
    </View>
  );
}
