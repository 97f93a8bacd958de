import { useCallback, useEffect, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ARCHIVE_KIND_LABELS, ReviewRequest, type ReviewList } from '@lianyan/shared';
import { CharCounter, Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { listReviews, reviewEntry } from '@/services/archive';
import { ApiError } from '@/services/request';
import { errorMessage, formatHours } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { Details } from '../parts/Details';
import { EvidenceFiles } from '../parts/EvidenceFiles';
import { dayLabel, entryDetails } from '../parts/model';
import { AdminSchoolGate } from '../parts/AdminSchoolGate';
import '../parts/archive.scss';
import './index.scss';

type Item = ReviewList['items'][number];
type ListState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: Item[]; nextCursor?: string | undefined };
type Sheet = { kind: 'none' } | { kind: 'reject'; item: Item; comment: string; error: string };

export default function ReviewsPage() {
  const { params } = useRouter();
  return (
    <AdminSchoolGate schoolId={params.schoolId} purpose='审核档案' noneTitle='没有可审核的学校' noneHint='只有学校管理员可以审核本校教师的档案记录。'>
      {(schools) => (
        <View className='archive-page' data-testid='reviews-page'>
          <View className='archive-wrap'>
            {schools.schools.length > 1 ? (
              <View className='card'>
                <Choices name='review-school' options={schools.schools.map((s) => ({ value: s.id, label: s.name }))} selected={schools.school.id} onSelect={schools.choose} />
              </View>
            ) : (
              <Text className='section-title' data-testid='reviews-school'>
                {schools.school.name} · 待审核记录
              </Text>
            )}
            <ReviewQueue key={schools.school.id} schoolId={schools.school.id} />
          </View>
        </View>
      )}
    </AdminSchoolGate>
  );
}

function ReviewQueue({ schoolId }: { schoolId: string }) {
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const [busyId, setBusyId] = useState('');
  const [more, setMore] = useState(false);
  const [sheet, setSheet] = useState<Sheet>({ kind: 'none' });

  const load = useCallback(async () => {
    try {
      const page = await listReviews(schoolId);
      setState({ kind: 'ready', items: page.items, nextCursor: page.nextCursor });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '待审核记录加载失败，请重试') });
    }
  }, [schoolId]);

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (state.kind !== 'ready' || !state.nextCursor || more) return;
    setMore(true);
    try {
      const page = await listReviews(schoolId, state.nextCursor);
      setState((current) =>
        current.kind === 'ready'
          ? { kind: 'ready', items: [...current.items, ...page.items.filter((i) => !current.items.some((c) => c.id === i.id))], nextCursor: page.nextCursor }
          : current,
      );
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '加载失败，请重试'), icon: 'none' });
    } finally {
      setMore(false);
    }
  };

  const drop = (id: string) =>
    setState((current) => (current.kind === 'ready' ? { ...current, items: current.items.filter((item) => item.id !== id) } : current));

  const decide = async (item: Item, body: ReviewRequest): Promise<string | null> => {
    if (busyId) return null;
    setBusyId(item.id);
    try {
      await reviewEntry(item.id, body);
      drop(item.id);
      void Taro.showToast({ title: body.decision === 'approved' ? '已通过' : '已退回', icon: 'success' });
      return null;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'ALREADY_REVIEWED' || error.code === 'NOT_FOUND')) {
        drop(item.id);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 });
        return null;
      }
      return errorMessage(error, '审核失败，请稍后重试');
    } finally {
      setBusyId('');
    }
  };

  const approve = async (item: Item) => {
    const failed = await decide(item, { decision: 'approved' });
    if (failed) void Taro.showToast({ title: failed, icon: 'none', duration: 2500 });
  };

  const submitReject = async () => {
    if (sheet.kind !== 'reject') return;
    const comment = sheet.comment.trim();
    if (!comment) {
      setSheet({ ...sheet, error: '退回时请写明原因，方便老师修改' });
      return;
    }
    const parsed = ReviewRequest.safeParse({ decision: 'rejected', comment });
    if (!parsed.success) {
      setSheet({ ...sheet, error: parsed.error.issues[0]?.message ?? '请检查审核意见' });
      return;
    }
    const failed = await decide(sheet.item, parsed.data);
    if (failed) setSheet({ ...sheet, error: failed });
    else setSheet({ kind: 'none' });
  };

  if (state.kind === 'loading') return <Text className='loading-text'>正在加载待审核记录…</Text>;
  if (state.kind === 'failed') return <LoadFailed title='待审核记录加载失败' message={state.message} onRetry={() => void load()} testId='reviews-error' />;
  if (state.items.length === 0) {
    return (
      <View className='card' data-testid='reviews-empty'>
        <EmptyState title='暂无待审核记录' hint='老师提交培训、听课、获奖等档案记录后会出现在这里，审核通过后计入统计。' />
      </View>
    );
  }
  return (
    <View data-testid='reviews-list'>
      {state.items.map((item) => (
        <View key={item.id} className='card review-card' data-testid={`review-${item.id}`}>
          <View className='review-card__top'>
            <Text className='entry-person' data-testid='review-person'>
              {item.personName}
            </Text>
            <Text className='tag review-card__kind'>{ARCHIVE_KIND_LABELS[item.kind]}</Text>
          </View>
          <Text className='review-card__title' data-testid='review-title'>
            {item.title}
          </Text>
          <Text className='muted'>
            {dayLabel(item.date, true)}
            {item.hours > 0 ? ` · ${formatHours(item.hours)} 学时` : ''} · 提交于 {formatDateTime(item.updatedAt || item.createdAt)}
          </Text>
          <Details lines={entryDetails(item)} />
          <EvidenceFiles files={item.evidenceFiles} testId='review-evidence' />
          <View className='review-card__actions'>
            <Button
              className='btn btn--danger btn--small'
              data-testid='review-reject'
              onClick={() => setSheet({ kind: 'reject', item, comment: '', error: '' })}
            >
              退回
            </Button>
            <Button className={`btn btn--small${busyId === item.id ? ' btn--disabled' : ''}`} data-testid='review-approve' onClick={() => void approve(item)}>
              {busyId === item.id ? '正在提交…' : '通过'}
            </Button>
          </View>
        </View>
      ))}
      {state.nextCursor ? (
        <View className='actions'>
          <Button className='btn btn--secondary btn--small' data-testid='reviews-more' onClick={() => void loadMore()}>
            {more ? '正在加载…' : '加载更多'}
          </Button>
        </View>
      ) : null}

      {sheet.kind === 'reject' ? (
        <View className='sheet' data-testid='reject-sheet' onClick={() => setSheet({ kind: 'none' })}>
          <View className='sheet__panel' onClick={(e) => e.stopPropagation()}>
            <Text className='sheet__title'>退回记录</Text>
            <Text className='sheet__sub'>
              {sheet.item.personName} ·「{sheet.item.title}」。老师会看到退回意见，修改后可重新提交。
            </Text>
            <Textarea
              className='review-textarea'
              data-testid='reject-comment'
              value={sheet.comment}
              maxlength={200}
              placeholder='退回原因（必填），例如：请上传盖章的结业证书'
              onInput={(e) => setSheet({ ...sheet, comment: e.detail.value, error: '' })}
            />
            <CharCounter value={sheet.comment} max={200} testId='reject-comment' />
            {sheet.error ? (
              <Text className='error-text' data-testid='reject-error'>
                {sheet.error}
              </Text>
            ) : null}
            <Button className='btn btn--danger review-sheet-submit' data-testid='reject-submit' onClick={() => void submitReject()}>
              确定退回
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
