import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import type { Person } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { downloadTeacherTemplate, leaveSchool, listPeople } from '@/services/people';
import { errorMessage } from '@/utils/labels';
import { PersonSheet } from './PersonSheet';
import { PAGE_SIZE, STATUS_BADGES, appendPage, importPageUrl, initialSchoolId, managedSchools, personDetails, replacePerson, type SchoolChoice } from './model';
import './index.scss';

type Schools = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: SchoolChoice[] };
type List = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: Person[]; cursor?: string; more?: 'loading' | 'failed' };
type Editing = { person?: Person } | null;

/** 教师名册: a school's teachers, searched and paged; add, edit, 离校, and the Excel import and template. */
export default function PeoplePage() {
  const user = useSessionUser();
  const { params } = useRouter();
  const [schools, setSchools] = useState<Schools>({ kind: 'loading' });
  const [schoolId, setSchoolId] = useState<string>();
  const [q, setQ] = useState('');
  const [list, setList] = useState<List>({ kind: 'loading' });
  const [editing, setEditing] = useState<Editing>(null);
  const searched = useRef('');

  const loadSchools = useCallback(async () => {
    if (!user) return;
    setSchools({ kind: 'loading' });
    try {
      const items = managedSchools(user, (await listFederations()).items);
      setSchools({ kind: 'ready', items });
      setSchoolId((current) => current ?? initialSchoolId(params.schoolId, items));
    } catch (error) {
      setSchools({ kind: 'failed', message: errorMessage(error, '学校列表加载失败，请重试') });
    }
  }, [user, params.schoolId]);

  useLoad(() => {
    void loadSchools();
  });

  const loadFirst = useCallback(async (id: string, query: string) => {
    searched.current = query;
    setList({ kind: 'loading' });
    try {
      const page = await listPeople(id, { q: query, limit: PAGE_SIZE });
      if (searched.current === query) setList({ kind: 'ready', items: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) });
    } catch (error) {
      setList({ kind: 'failed', message: errorMessage(error, '教师名册加载失败，请重试') });
    }
  }, []);

  useEffect(() => {
    if (schoolId) void loadFirst(schoolId, '');
    setQ('');
  }, [schoolId, loadFirst]);

  const loadMore = async () => {
    if (!schoolId || list.kind !== 'ready' || !list.cursor || list.more === 'loading') return;
    const { cursor } = list;
    setList({ ...list, more: 'loading' });
    try {
      const page = await listPeople(schoolId, { q: searched.current, cursor, limit: PAGE_SIZE });
      setList((current) =>
        current.kind === 'ready' ? { kind: 'ready', items: appendPage(current.items, page.items), ...(page.cursor ? { cursor: page.cursor } : {}) } : current,
      );
    } catch {
      setList((current) => (current.kind === 'ready' ? { ...current, more: 'failed' } : current));
    }
  };

  if (!user) {
    return (
      <View className='people-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录管理员账号后才能管理教师名册。' />
        </View>
      </View>
    );
  }

  const school = schools.kind === 'ready' ? schools.items.find((s) => s.id === schoolId) : undefined;

  const leave = async (person: Person) => {
    if (!school) return;
    const { confirm } = await Taro.showModal({
      title: '办理离校',
      content: `确定「${person.name}」离开${school.name}吗？TA 在本校的角色将被移除，档案和考勤记录会保留。`,
      confirmText: '确认离校',
    });
    if (!confirm) return;
    try {
      // Gone from this school's roster (they may still teach at another school).
      const updated = await leaveSchool(person.id, school.id);
      setList((current) => (current.kind === 'ready' ? { ...current, items: replacePerson(current.items, { ...updated, status: 'left' }) } : current));
      void Taro.showToast({ title: '已办理离校', icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '离校办理失败，请重试'), icon: 'none' });
    }
  };

  const saved = (person: Person) => {
    const adding = !editing?.person;
    setEditing(null);
    void Taro.showToast({ title: adding ? '已添加' : '已保存', icon: 'success' });
    if (adding && schoolId) void loadFirst(schoolId, searched.current);
    else setList((current) => (current.kind === 'ready' ? { ...current, items: replacePerson(current.items, person) } : current));
  };

  const template = async () => {
    try {
      await downloadTeacherTemplate();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '模板下载失败，请重试'), icon: 'none' });
    }
  };

  return (
    <View className='people-page' data-testid='people-page'>
      {schools.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {schools.kind === 'failed' ? <LoadFailed title='无法加载学校' message={schools.message} onRetry={() => void loadSchools()} testId='people-schools-error' /> : null}
      {schools.kind === 'ready' && schools.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='没有可管理的学校' hint='教师名册由学校、校联体或教体局管理员维护。' />
        </View>
      ) : null}
      {schools.kind === 'ready' && schools.items.length > 1 ? (
        <View className='card' data-testid='people-school-picker'>
          <Text className='card__title'>学校</Text>
          <Choices name='people-school' options={schools.items.map((s) => ({ value: s.id, label: s.name }))} selected={schoolId ?? ''} onSelect={setSchoolId} />
        </View>
      ) : null}
      {school ? (
        <>
          <View className='card people-toolbar'>
            <Text className='card__title' data-testid='people-school-name'>
              {school.name}
            </Text>
            <Text className='muted'>{school.federationName}</Text>
            <View className='people-toolbar__search'>
              <Input className='input' data-testid='people-search' placeholder='姓名或手机号后 4 位' maxlength={20} value={q} confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={() => void loadFirst(school.id, q.trim())} />
              <Button className='btn btn--small' data-testid='people-search-go' onClick={() => void loadFirst(school.id, q.trim())}>
                搜索
              </Button>
            </View>
            <View className='people-toolbar__row'>
              <Button className='btn btn--small' data-testid='people-add' onClick={() => setEditing({})}>
                添加教师
              </Button>
              <Button className='btn btn--secondary btn--small' data-testid='people-import' onClick={() => void Taro.navigateTo({ url: importPageUrl(school.id) })}>
                导入
              </Button>
              <Button className='btn btn--secondary btn--small' data-testid='people-template' onClick={() => void template()}>
                下载模板
              </Button>
            </View>
          </View>
          <PeopleList list={list} searching={Boolean(searched.current)} onEdit={(person) => setEditing({ person })} onLeave={(p) => void leave(p)} onMore={() => void loadMore()} onRetry={() => void loadFirst(school.id, searched.current)} />
        </>
      ) : null}
      {editing && school ? (
        <PersonSheet schoolId={school.id} schoolName={school.name} {...(editing.person ? { person: editing.person } : {})} onDone={saved} onCancel={() => setEditing(null)} />
      ) : null}
    </View>
  );
}

interface PeopleListProps {
  list: List;
  searching: boolean;
  onEdit: (person: Person) => void;
  onLeave: (person: Person) => void;
  onMore: () => void;
  onRetry: () => void;
}

function PeopleList({ list, searching, onEdit, onLeave, onMore, onRetry }: PeopleListProps) {
  if (list.kind === 'loading') return <Text className='loading-text'>正在加载教师名册…</Text>;
  if (list.kind === 'failed') return <LoadFailed title='无法加载教师名册' message={list.message} onRetry={onRetry} testId='people-error' />;
  if (list.items.length === 0) {
    return (
      <View className='card' data-testid='people-empty'>
        <EmptyState title={searching ? '没有找到匹配的教师' : '名册里还没有教师'} hint={searching ? '换个姓名或手机号后 4 位再试。' : '点「添加教师」逐个添加，或下载模板填好后「导入」。'} />
      </View>
    );
  }
  return (
    <View className='card' data-testid='people-list'>
      {list.items.map((person) => {
        const badge = STATUS_BADGES[person.status];
        return (
          <View key={person.id} className='people-row' data-testid={`person-${person.id}`}>
            <View className='people-row__main'>
              <View className='people-row__head'>
                <Text className='people-row__name'>{person.name}</Text>
                <Text className={`badge badge--${badge.tone}`} data-testid={`person-status-${person.id}`}>
                  {badge.label}
                </Text>
                {person.admin ? <Text className='badge badge--info'>管理员</Text> : null}
              </View>
              {person.phoneMasked ? <Text className='people-row__line'>{person.phoneMasked}</Text> : null}
              <Text className='people-row__line'>{personDetails(person).join(' · ') || '未填写职务和学科'}</Text>
            </View>
            {person.status === 'left' ? null : (
              <View className='people-row__actions'>
                <Button className='btn btn--secondary btn--small' data-testid={`person-edit-${person.id}`} onClick={() => onEdit(person)}>
                  编辑
                </Button>
                <Button className='btn btn--secondary btn--small' data-testid={`person-leave-${person.id}`} onClick={() => onLeave(person)}>
                  离校
                </Button>
              </View>
            )}
          </View>
        );
      })}
      {list.cursor ? (
        <Button className='btn btn--secondary' data-testid='people-more' onClick={onMore}>
          {list.more === 'loading' ? '正在加载…' : list.more === 'failed' ? '加载失败，点此重试' : '加载更多'}
        </Button>
      ) : (
        <Text className='muted'>共 {list.items.length} 位</Text>
      )}
    </View>
  );
}
