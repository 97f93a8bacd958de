import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { RECORD_GAP_LABELS, type RecordsStatus } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { getRecordsStatus } from '@/services/records';
import { errorMessage } from '@/utils/labels';
import { recordsPageUrl } from '@/utils/links';
import { semesterOptions, shortSemester } from '@/utils/semesters';
import { formatDay } from '@/utils/time';
import { percentOf, recordBadge, recordFigures, recordsFederations, statusEmpty, statusRows, type Loadable } from '../parts/model';
import '../parts/records.scss';

type Federation = { id: string; name: string };

/** 活动档案情况: which sessions of a semester lack photos, a plan or reflections, for the federation's organizers and admins. */
export default function RecordsStatusPage() {
  const user = useSessionUser();
  const { params } = useRouter();
  const semesters = useMemo(() => semesterOptions(new Date()), []);
  const [semester, setSemester] = useState(params.semester && semesters.includes(params.semester) ? params.semester : (semesters[0] ?? ''));
  const [federations, setFederations] = useState<Loadable<Federation[]>>({ kind: 'loading' });
  const [chosen, setChosen] = useState(params.federationId ?? '');
  const [state, setState] = useState<Loadable<RecordsStatus>>({ kind: 'loading' });
  const [onlyMissing, setOnlyMissing] = useState(true);

  const loadFederations = useCallback(async () => {
    if (!user) return;
    setFederations({ kind: 'loading' });
    try {
      setFederations({ kind: 'ready', data: recordsFederations(user, (await listFederations()).items) });
    } catch (error) {
      setFederations({ kind: 'failed', message: errorMessage(error, '校联体加载失败，请重试') });
    }
  }, [user]);
  useEffect(() => {
    void loadFederations();
  }, [loadFederations]);

  const list = federations.kind === 'ready' ? federations.data : [];
  const federation = list.find((f) => f.id === chosen) ?? list[0];
  const federationId = federation?.id ?? '';

  const load = useCallback(async () => {
    if (!federationId) return;
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', data: await getRecordsStatus(federationId, semester) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '活动档案情况加载失败，请重试') });
    }
  }, [federationId, semester]);
  useEffect(() => {
    void load();
  }, [load]);

  // Back from a session's 活动档案, where files may have been added.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });

  if (!user) {
    return (
      <View className='records-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录组织者或管理员账号后可以查看活动档案情况。' />
        </View>
      </View>
    );
  }
  if (federations.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (federations.kind === 'failed') {
    return (
      <View className='records-page'>
        <LoadFailed title='无法加载' message={federations.message} onRetry={() => void loadFederations()} />
      </View>
    );
  }
  if (!federation) {
    return (
      <View className='records-page'>
        <View className='card' data-testid='records-status-none'>
          <EmptyState title='没有可查看的活动档案' hint='校联体的组织者、管理员，以及主办活动学校的管理员可以查看活动档案情况。' />
        </View>
      </View>
    );
  }

  return (
    <View className='records-page' data-testid='records-status'>
      <View className='rec-filters'>
        {list.length > 1 ? (
          <ScrollView scrollX className='rec-scroll'>
            {list.map((f) => (
              <View key={f.id} className={`choices__item rec-chip${f.id === federation.id ? ' choices__item--on' : ''}`} data-testid={`records-federation-${f.id}`} onClick={() => setChosen(f.id)}>
                <Text>{f.name}</Text>
              </View>
            ))}
          </ScrollView>
        ) : (
          <Text className='rec-head__title'>{federation.name}</Text>
        )}
        <ScrollView scrollX className='rec-scroll'>
          {semesters.map((s) => (
            <View key={s} className={`choices__item rec-chip${s === semester ? ' choices__item--on' : ''}`} data-testid={`records-semester-${s}`} onClick={() => setSemester(s)}>
              <Text>{shortSemester(s)}</Text>
            </View>
          ))}
        </ScrollView>
      </View>
      {state.kind === 'loading' ? <Text className='loading-text'>正在统计…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='加载失败' message={state.message} onRetry={() => void load()} testId='records-status-error' /> : null}
      {state.kind === 'ready' ? <StatusBody status={state.data} onlyMissing={onlyMissing} setOnlyMissing={setOnlyMissing} /> : null}
    </View>
  );
}

function StatusBody({ status, onlyMissing, setOnlyMissing }: { status: RecordsStatus; onlyMissing: boolean; setOnlyMissing: (on: boolean) => void }) {
  const { totals } = status;
  const figures = [
    { key: 'finished', label: '已结束', value: totals.finished },
    { key: 'complete', label: '档案完整', value: totals.complete },
    { key: 'missing', label: '缺档案', value: totals.missing },
  ];
  const rows = statusRows(status.items, onlyMissing);
  const empty = statusEmpty(status, onlyMissing);
  return (
    <View>
      <View className='rec-figures' data-testid='records-status-totals'>
        {figures.map((f) => (
          <View key={f.key} className={`rec-figure rec-figure--${f.key}`}>
            <Text className='rec-figure__value' data-testid={`records-total-${f.key}`}>
              {f.value}
            </Text>
            <Text className='rec-figure__label'>{f.label}</Text>
          </View>
        ))}
      </View>
      <View className='rec-filter-row'>
        <View className={`choices__item${onlyMissing ? ' choices__item--on' : ''}`} data-testid='records-only-missing' data-on={onlyMissing ? 'yes' : 'no'} onClick={() => setOnlyMissing(!onlyMissing)}>
          <Text>{onlyMissing ? '✓ 只看缺档案' : '只看缺档案'}</Text>
        </View>
        <Text className='muted'>
          共 {totals.sessions} 场 · 心得提交率低于 {percentOf(status.minRate)} 计为缺档案
        </Text>
      </View>
      {empty ? (
        <View className='card' data-testid='records-status-empty'>
          <EmptyState title={empty.title} hint={empty.hint} />
        </View>
      ) : (
        <View className='card rec-rows' data-testid='records-status-list'>
          {rows.map((item) => {
            const badge = recordBadge(item);
            return (
              <View
                key={item.sessionId}
                className='rec-row'
                hoverClass='rec-row--pressed'
                data-testid={`records-status-${item.sessionId}`}
                onClick={() => void Taro.navigateTo({ url: recordsPageUrl(item.sessionId) })}
              >
                <View className='rec-row__head'>
                  <Text className='rec-row__title'>{item.title}</Text>
                  <Text className={`badge badge--${badge.tone}`}>{badge.label}</Text>
                </View>
                <Text className='muted records-line'>
                  {formatDay(item.startAt)} · {item.hostSchoolName}
                </Text>
                {item.missing.length ? (
                  <View className='rec-gaps'>
                    {item.missing.map((gap) => (
                      <Text key={gap} className='rec-gap-chip' data-testid='records-gap'>
                        {RECORD_GAP_LABELS[gap]}
                      </Text>
                    ))}
                  </View>
                ) : null}
                <Text className='muted records-line'>{recordFigures(item)}</Text>
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
