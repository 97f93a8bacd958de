import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad, useRouter } from '@tarojs/taro';
import { schoolYearLabel, PAIR_RATING_LABELS, type MentorPairList } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { listMentorPairs } from '@/services/mentor-pairs';
import { errorMessage } from '@/utils/labels';
import { initialSchoolId, managedSchools, type SchoolChoice } from '../people/model';
import { PairSheet } from './PairSheet';
import { pairTitle, quotaLine, schoolYearChoices } from './model';
import '../people/index.scss';
import './index.scss';

type Schools = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: SchoolChoice[] };
type List = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; list: MentorPairList };

const PAIR_PAGE = (id: string) => `/packages/archive/pair/index?id=${encodeURIComponent(id)}`;

/** 管理 → 师徒结对: a school's pairs of a school year against the rule; register a pair; open one to see logs and evaluate. */
export default function MentorsPage() {
  const user = useSessionUser();
  const { params } = useRouter();
  const years = schoolYearChoices(new Date());
  const [schools, setSchools] = useState<Schools>({ kind: 'loading' });
  const [schoolId, setSchoolId] = useState<string>();
  const [year, setYear] = useState(years[0] ?? '');
  const [list, setList] = useState<List>({ kind: 'loading' });
  const [adding, setAdding] = useState(false);

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
  useLoad(() => void loadSchools());

  const load = useCallback(async (id: string, schoolYear: string) => {
    setList({ kind: 'loading' });
    try {
      setList({ kind: 'ready', list: await listMentorPairs(id, schoolYear) });
    } catch (error) {
      setList({ kind: 'failed', message: errorMessage(error, '师徒结对加载失败，请重试') });
    }
  }, []);
  useEffect(() => {
    if (schoolId) void load(schoolId, year);
  }, [schoolId, year, load]);
  // Back from a pair (logged, evaluated): the list shows it.
  useDidShow(() => {
    if (schoolId) void load(schoolId, year);
  });

  if (!user) {
    return (
      <View className='people-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录管理员账号后才能管理师徒结对。' />
        </View>
      </View>
    );
  }
  const school = schools.kind === 'ready' ? schools.items.find((s) => s.id === schoolId) : undefined;

  return (
    <View className='people-page' data-testid='mentors-page'>
      {schools.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {schools.kind === 'failed' ? <LoadFailed title='无法加载学校' message={schools.message} onRetry={() => void loadSchools()} testId='mentors-schools-error' /> : null}
      {schools.kind === 'ready' && schools.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='没有可管理的学校' hint='师徒结对由学校、校联体或教体局管理员登记。' />
        </View>
      ) : null}
      {schools.kind === 'ready' && schools.items.length > 1 ? (
        <View className='card'>
          <Text className='card__title'>学校</Text>
          <Choices name='mentors-school' options={schools.items.map((s) => ({ value: s.id, label: s.name }))} selected={schoolId ?? ''} onSelect={setSchoolId} />
        </View>
      ) : null}
      {school && schools.kind === 'ready' ? (
        <>
          <View className='card'>
            <Text className='card__title'>{school.name}</Text>
            <Choices name='mentors-year' options={years.map((y) => ({ value: y, label: schoolYearLabel(y) }))} selected={year} onSelect={setYear} />
            {list.kind === 'ready' ? (
              <Text className={quotaLine(list.list.items.length, list.list.target).met ? 'mentors-quota mentors-quota--met' : 'mentors-quota'} data-testid='mentors-quota'>
                {quotaLine(list.list.items.length, list.list.target).text}
              </Text>
            ) : null}
            {!adding ? (
              <Button className='btn' data-testid='mentors-add' onClick={() => setAdding(true)}>
                登记结对
              </Button>
            ) : null}
          </View>
          {adding ? (
            <PairSheet
              school={school}
              schools={schools.items.filter((s) => s.federationName === school.federationName)}
              schoolYear={year}
              onCancel={() => setAdding(false)}
              onSaved={() => {
                setAdding(false);
                void Taro.showToast({ title: '已登记', icon: 'success' });
                void load(school.id, year);
              }}
            />
          ) : null}
          {list.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
          {list.kind === 'failed' ? <LoadFailed title='无法加载师徒结对' message={list.message} onRetry={() => void load(school.id, year)} testId='mentors-error' /> : null}
          {list.kind === 'ready' && list.list.items.length === 0 ? (
            <View className='card'>
              <EmptyState title='本学年还没有登记师徒结对' hint='点「登记结对」选择师傅和徒弟；登记后双方的成长档案会自动记入。' />
            </View>
          ) : null}
          {list.kind === 'ready'
            ? list.list.items.map((pair) => (
                <View key={pair.id} className='card mentors-pair' data-testid={`mentors-pair-${pair.id}`} onClick={() => void Taro.navigateTo({ url: PAIR_PAGE(pair.id) })}>
                  <Text className='mentors-pair__title'>{pairTitle(pair)}</Text>
                  <Text className='muted'>
                    {pair.subject}
                    {pair.mentor.schoolName && pair.mentor.schoolId !== pair.schoolId ? ` · 师傅来自${pair.mentor.schoolName}` : ''}
                  </Text>
                  <Text className={pair.evaluation ? 'mentors-pair__state mentors-pair__state--done' : 'mentors-pair__state'}>
                    {pair.evaluation ? `考核：${PAIR_RATING_LABELS[pair.evaluation.rating]}` : '待考核'} ›
                  </Text>
                </View>
              ))
            : null}
        </>
      ) : null}
    </View>
  );
}
