import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { EXCHANGE_RATING_LABELS, type ExchangeList, type ExchangeRow, type FederationWithSchools } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { deleteExchange, exportExchanges, listExchanges } from '@/services/exchanges';
import { errorMessage } from '@/utils/labels';
import { AssessSheet } from './AssessSheet';
import { EditSheet } from './EditSheet';
import { ExchangeSheet } from './ExchangeSheet';
import { canAssess, canKeep, quotaLines, rowSummary, semesterChoices, statusBadge, visibleFederations } from './model';
import './index.scss';

type Federations = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: FederationWithSchools[] };
type List = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: ExchangeList };

/** 交流轮岗: a federation's 交流教师名单 by semester against the quota; add, assess (host school), 导出名单. */
export default function ExchangesPage() {
  const user = useSessionUser();
  const semesters = semesterChoices(new Date());
  const [federations, setFederations] = useState<Federations>({ kind: 'loading' });
  const [federationId, setFederationId] = useState<string>();
  const [semester, setSemester] = useState(semesters[0]?.value ?? '');
  const [list, setList] = useState<List>({ kind: 'loading' });
  const [adding, setAdding] = useState(false);
  const [assessing, setAssessing] = useState<ExchangeRow | null>(null);
  const [editing, setEditing] = useState<ExchangeRow | null>(null);

  const loadFederations = useCallback(async () => {
    if (!user) return;
    setFederations({ kind: 'loading' });
    try {
      const items = visibleFederations(user, (await listFederations()).items);
      setFederations({ kind: 'ready', items });
      setFederationId((current) => current ?? items[0]?.federation.id);
    } catch (error) {
      setFederations({ kind: 'failed', message: errorMessage(error, '校联体加载失败，请重试') });
    }
  }, [user]);

  useLoad(() => {
    void loadFederations();
  });

  const load = useCallback(async (id: string, of: string) => {
    setList({ kind: 'loading' });
    try {
      setList({ kind: 'ready', data: await listExchanges(id, of) });
    } catch (error) {
      setList({ kind: 'failed', message: errorMessage(error, '交流名单加载失败，请重试') });
    }
  }, []);

  useEffect(() => {
    if (federationId && semester) void load(federationId, semester);
  }, [federationId, semester, load]);

  if (!user) {
    return (
      <View className='exchanges-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录管理员账号后才能管理交流轮岗。' />
        </View>
      </View>
    );
  }

  const federation = federations.kind === 'ready' ? federations.items.find((f) => f.federation.id === federationId) : undefined;
  const keeper = federation ? canKeep(user, federation.federation.id) : false;
  const reload = () => federationId && void load(federationId, semester);

  const remove = async (row: ExchangeRow) => {
    const { confirm } = await Taro.showModal({
      title: '删除交流安排',
      content: `确定删除「${row.name}」${row.startDate} 至 ${row.endDate} 的这次交流吗？${row.assessment ? '考核结果会一并删除。' : ''}删除后不可恢复。`,
      confirmText: '删除',
    });
    if (!confirm) return;
    try {
      await deleteExchange(row.id);
      void Taro.showToast({ title: '已删除', icon: 'success' });
      reload();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '删除失败，请重试'), icon: 'none' });
    }
  };

  const exportList = async () => {
    if (!federation) return;
    try {
      await exportExchanges(federation.federation.id, semester, `${federation.federation.name}-${semester}-交流教师名单`);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '导出失败，请重试'), icon: 'none' });
    }
  };

  return (
    <View className='exchanges-page' data-testid='exchanges-page'>
      {federations.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {federations.kind === 'failed' ? <LoadFailed title='无法加载校联体' message={federations.message} onRetry={() => void loadFederations()} testId='exchanges-federations-error' /> : null}
      {federations.kind === 'ready' && federations.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='没有可查看的校联体' hint='交流轮岗由校联体管理员、组织者登记，学校管理员查看和考核。' />
        </View>
      ) : null}
      {federations.kind === 'ready' && federations.items.length > 1 ? (
        <View className='card'>
          <Text className='card__title'>校联体</Text>
          <Choices name='exchanges-federation' options={federations.items.map((f) => ({ value: f.federation.id, label: f.federation.name }))} selected={federationId ?? ''} onSelect={setFederationId} />
        </View>
      ) : null}
      {federation ? (
        <>
          <View className='card'>
            <Text className='card__title'>{federation.federation.name}</Text>
            <Choices name='exchanges-semester' options={semesters} selected={semester} onSelect={setSemester} />
            <View className='exchanges-toolbar'>
              {keeper ? (
                <Button className='btn btn--small' data-testid='exchanges-add' onClick={() => setAdding(true)}>
                  登记交流
                </Button>
              ) : null}
              <Button className='btn btn--secondary btn--small' data-testid='exchanges-export' onClick={() => void exportList()}>
                导出名单
              </Button>
            </View>
          </View>
          <ExchangeTable list={list} keeper={keeper} user={user} onAssess={setAssessing} onEdit={setEditing} onRemove={(row) => void remove(row)} onRetry={reload} />
        </>
      ) : null}
      {adding && federation ? (
        <ExchangeSheet
          federation={federation}
          onDone={() => {
            setAdding(false);
            void Taro.showToast({ title: '已登记', icon: 'success' });
            reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {editing ? (
        <EditSheet
          row={editing}
          onDone={() => {
            setEditing(null);
            void Taro.showToast({ title: '已保存', icon: 'success' });
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {assessing ? (
        <AssessSheet
          row={assessing}
          onDone={() => {
            setAssessing(null);
            void Taro.showToast({ title: '已提交考核', icon: 'success' });
            reload();
          }}
          onCancel={() => setAssessing(null)}
        />
      ) : null}
    </View>
  );
}

interface TableProps {
  list: List;
  keeper: boolean;
  user: NonNullable<ReturnType<typeof useSessionUser>>;
  onAssess: (row: ExchangeRow) => void;
  onEdit: (row: ExchangeRow) => void;
  onRemove: (row: ExchangeRow) => void;
  onRetry: () => void;
}

function ExchangeTable({ list, keeper, user, onAssess, onEdit, onRemove, onRetry }: TableProps) {
  if (list.kind === 'loading') return <Text className='loading-text'>正在加载交流名单…</Text>;
  if (list.kind === 'failed') return <LoadFailed title='无法加载交流名单' message={list.message} onRetry={onRetry} testId='exchanges-error' />;
  const { items, quota } = list.data;
  return (
    <>
      <View className='card' data-testid='exchanges-quota'>
        <Text className='card__title'>本学期指标</Text>
        {quotaLines(quota).map((line) => (
          <View key={line.key} className='exchanges-quota__row' data-testid={`exchanges-quota-${line.key}`}>
            <Text>{line.label}</Text>
            <Text className={line.met === undefined ? 'muted' : line.met ? 'badge badge--ok' : 'badge badge--warn'}>
              {line.value}
              {line.met === undefined ? '' : line.met ? ' 达标' : ' 未达标'}
            </Text>
          </View>
        ))}
      </View>
      {items.length === 0 ? (
        <View className='card' data-testid='exchanges-empty'>
          <EmptyState title='本学期还没有交流记录' hint={keeper ? '点「登记交流」添加挂职、支教、跟岗或走教的教师。' : '校联体管理员登记后，这里会列出本校派出和接收的教师。'} />
        </View>
      ) : (
        <View className='card' data-testid='exchanges-list'>
          {items.map((row) => {
            const badge = statusBadge(row.status);
            return (
              <View key={row.id} className='exchange-row' data-testid={`exchange-${row.id}`}>
                <View className='exchange-row__head'>
                  <Text className='exchange-row__name'>{row.name}</Text>
                  <Text className={`badge badge--${badge.tone}`} data-testid={`exchange-status-${row.id}`}>
                    {badge.label}
                  </Text>
                </View>
                <Text className='exchange-row__line'>{rowSummary(row)}</Text>
                {row.duties ? <Text className='exchange-row__line'>{row.duties}</Text> : null}
                {row.assessment ? (
                  <Text className='exchange-row__line' data-testid={`exchange-rating-${row.id}`}>
                    考核：{EXCHANGE_RATING_LABELS[row.assessment.rating]} · {row.assessment.comment}
                  </Text>
                ) : null}
                <View className='exchange-row__actions'>
                  {canAssess(user, row) ? (
                    <Button className='btn btn--small' data-testid={`exchange-assess-${row.id}`} onClick={() => onAssess(row)}>
                      考核
                    </Button>
                  ) : null}
                  {keeper ? (
                    <>
                      <Button className='btn btn--secondary btn--small' data-testid={`exchange-edit-${row.id}`} onClick={() => onEdit(row)}>
                        修改
                      </Button>
                      <Button className='btn btn--secondary btn--small' data-testid={`exchange-remove-${row.id}`} onClick={() => onRemove(row)}>
                        删除
                      </Button>
                    </>
                  ) : null}
                </View>
              </View>
            );
          })}
          <Text className='muted'>共 {items.length} 条</Text>
        </View>
      )}
    </>
  );
}
