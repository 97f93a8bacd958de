import { useCallback, useEffect, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { Attendance, EvaluationList, Session, SessionEvaluation } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listEvaluations, submitEvaluation } from '@/services/evaluations';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { averageLabel, checkEvaluation, COMMENT_MAX, COMMENT_MIN, commentLength, dimensionsLine, type EvaluationErrors } from './evaluation';
import { LoadFailed } from '@/components/LoadFailed';
import { ScaleEvaluation } from './ScaleEvaluation';

type ListState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; list: EvaluationList };

const STARS = [1, 2, 3, 4, 5] as const;

function Stars({ rating, size = 'small' }: { rating: number; size?: 'small' | 'large' }) {
  return (
    <Text className={`stars stars--${size}`} aria-label={`${rating} 星`}>
      {STARS.map((n) => (n <= rating ? '★' : '☆')).join('')}
    </Text>
  );
}

interface PanelProps {
  session: Session;
  mine: Attendance | undefined;
  canManage: boolean;
}

/** 评课 for lesson sessions: the observer's own evaluation, and everyone's for the teaching teacher and managers. */
export function EvaluationPanel({ session, mine, canManage }: PanelProps) {
  const user = useSessionUser();
  const teaches = !!session.lesson?.teacherId && session.lesson.teacherId === user?.id;
  const seesAll = canManage || teaches;
  const signedIn = !!mine?.signedInAt;
  const [state, setState] = useState<ListState>({ kind: 'idle' });

  const load = useCallback(async () => {
    if (!seesAll && !signedIn) return;
    // A reload after submitting keeps the current list on screen.
    setState((current) => (current.kind === 'ready' ? current : { kind: 'loading' }));
    try {
      setState({ kind: 'ready', list: await listEvaluations(session.id) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '评课加载失败，请重试') });
    }
  }, [seesAll, signedIn, session.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const own = state.kind === 'ready' ? state.list.items.find((item) => item.userId === user?.id) : undefined;

  return (
    <View>
      {signedIn && session.scaleId && teaches ? null : signedIn && session.scaleId ? (
        <ScaleEvaluation session={session} own={own} loading={state.kind === 'loading'} onSaved={() => void load()} />
      ) : signedIn ? (
        <EvaluationForm key={own?.updatedAt ?? 'new'} sessionId={session.id} own={own} loading={state.kind === 'loading'} onSaved={() => void load()} />
      ) : seesAll ? null : (
        <View className='card'>
          <Text className='card__title'>评课</Text>
          <Text className='muted' data-testid='evaluation-hint'>
            签到听课后可以评课。
          </Text>
        </View>
      )}
      {seesAll ? <EvaluationListCard state={state} onRetry={() => void load()} /> : null}
    </View>
  );
}

interface FormProps {
  sessionId: string;
  own: SessionEvaluation | undefined;
  loading: boolean;
  onSaved: () => void;
}

function EvaluationForm({ sessionId, own, loading, onSaved }: FormProps) {
  const [editing, setEditing] = useState(!own);
  const [rating, setRating] = useState(own?.rating ?? 0);
  const [comment, setComment] = useState(own?.comment ?? '');
  const [errors, setErrors] = useState<EvaluationErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = checkEvaluation(rating, comment);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      await submitEvaluation(sessionId, checked.value);
      setBusy(false);
      onSaved();
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError) {
        const fields = error.fieldErrors;
        setErrors({ rating: fields.rating?.[0], comment: fields.comment?.[0] });
      }
      setFormError(errorMessage(error, '提交失败，请稍后重试'));
    }
  };

  if (loading && !own) {
    return (
      <View className='card'>
        <Text className='loading-text'>正在加载评课…</Text>
      </View>
    );
  }

  if (own && !editing) {
    return (
      <View className='card' data-testid='evaluation-mine'>
        <View className='detail-head'>
          <Text className='card__title'>我的评课</Text>
          <Text className='badge badge--ok' data-testid='evaluation-done'>
            已提交
          </Text>
        </View>
        <Stars rating={own.rating ?? 0} size='large' />
        <Text className='evaluation-comment'>{own.comment}</Text>
        <Text className='muted'>更新于 {formatDateTime(own.updatedAt)}</Text>
        <Button className='btn btn--secondary btn--small' data-testid='evaluation-edit' onClick={() => setEditing(true)}>
          修改评课
        </Button>
      </View>
    );
  }

  const length = commentLength(comment);
  return (
    <View className='card' data-testid='evaluation-form'>
      <Text className='card__title'>评课</Text>
      <View className={`eval-field${errors.rating ? ' eval-field--invalid' : ''}`}>
        <Text className='eval-field__label'>总体评价</Text>
        <View className='star-picker'>
          {STARS.map((n) => (
            <Text
              key={n}
              className={`star-picker__star${n <= rating ? ' star-picker__star--on' : ''}`}
              data-testid={`evaluation-star-${n}`}
              onClick={() => {
                setRating(n);
                setErrors((current) => ({ ...current, rating: undefined }));
              }}
            >
              ★
            </Text>
          ))}
          <Text className='star-picker__value'>{rating > 0 ? `${rating} 星` : '点选星级'}</Text>
        </View>
        {errors.rating ? <Text className='error-text'>{errors.rating}</Text> : null}
      </View>
      <View className={`eval-field${errors.comment ? ' eval-field--invalid' : ''}`}>
        <Text className='eval-field__label'>评课意见</Text>
        <Textarea
          className='eval-textarea'
          data-testid='evaluation-comment'
          value={comment}
          maxlength={COMMENT_MAX}
          placeholder='课堂亮点、值得商榷之处和改进建议'
          onInput={(event) => {
            setComment(event.detail.value);
            if (errors.comment && commentLength(event.detail.value) >= COMMENT_MIN) setErrors((current) => ({ ...current, comment: undefined }));
          }}
        />
        <View className='eval-count'>
          <Text className={length < COMMENT_MIN ? 'eval-count__short' : ''}>至少 {COMMENT_MIN} 字</Text>
          <Text className={comment.length >= COMMENT_MAX ? 'eval-count__short' : ''} data-testid='evaluation-count'>
            {comment.length >= COMMENT_MAX ? `已到上限 ${COMMENT_MAX} 字，超出的部分没有填入` : `${length}/${COMMENT_MAX}`}
          </Text>
        </View>
        {errors.comment ? <Text className='error-text'>{errors.comment}</Text> : null}
      </View>
      {formError ? <Text className='error-text'>{formError}</Text> : null}
      <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='evaluation-submit' disabled={busy} onClick={() => void submit()}>
        {busy ? '正在提交…' : own ? '保存修改' : '提交评课'}
      </Button>
      {own ? (
        <Button className='btn btn--secondary btn--small' onClick={() => setEditing(false)}>
          取消
        </Button>
      ) : null}
    </View>
  );
}

function EvaluationListCard({ state, onRetry }: { state: ListState; onRetry: () => void }) {
  if (state.kind === 'idle' || state.kind === 'loading') {
    return (
      <View className='card'>
        <Text className='loading-text'>正在加载评课…</Text>
      </View>
    );
  }
  if (state.kind === 'failed') {
    return (
      <LoadFailed title='评课加载失败' message={state.message} onRetry={onRetry} />
    );
  }
  const { items, averageRating, averageTotal } = state.list;
  return (
    <View className='card' data-testid='evaluation-list'>
      <View className='detail-head'>
        <Text className='card__title'>听课教师评课（{items.length}）</Text>
        {averageRating !== undefined && items.length > 0 ? (
          <Text className='eval-average'>
            平均 <Text data-testid='evaluation-average'>{averageLabel(averageRating)}</Text> 星
          </Text>
        ) : averageTotal !== undefined && items.length > 0 ? (
          <Text className='eval-average'>
            平均总分 <Text data-testid='evaluation-average-total'>{averageLabel(averageTotal)}</Text>
          </Text>
        ) : null}
      </View>
      {items.length === 0 ? (
        <EmptyState title='还没有评课' hint='听课教师签到后即可提交评课，提交后会显示在这里。' />
      ) : (
        items.map((item) => (
          <View key={item.userId} className='eval-item' data-testid='evaluation-item'>
            <View className='eval-item__top'>
              <Text className='eval-item__name'>{item.name}</Text>
              {item.rating !== undefined ? <Stars rating={item.rating} /> : <Text className='eval-average'>总分 {item.total}</Text>}
            </View>
            {item.comment ? <Text className='evaluation-comment'>{item.comment}</Text> : null}
            {item.dimensions ? <Text className='muted'>{dimensionsLine(item.dimensions)}</Text> : null}
            {item.strengths ? <Text className='evaluation-comment'>亮点：{item.strengths}</Text> : null}
            {item.suggestions ? <Text className='evaluation-comment'>建议：{item.suggestions}</Text> : null}
            <Text className='muted'>{formatDateTime(item.updatedAt)}</Text>
          </View>
        ))
      )}
    </View>
  );
}
