import { useCallback, useEffect, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { ObservationScale, Session, SessionEvaluation } from '@lianyan/shared';
import { CharCounter } from '@/components/FormField';
import { LoadFailed } from '@/components/LoadFailed';
import { ScaleForm } from '@/components/ScaleForm';
import { withScore } from '@/components/ScaleForm/scores';
import { submitEvaluation } from '@/services/evaluations';
import { listScales } from '@/services/observations';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { checkScaleEvaluation, dimensionsLine, scaleEditable } from './evaluation';

type ScaleState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; scale: ObservationScale };

interface Props {
  session: Session;
  own: SessionEvaluation | undefined;
  loading: boolean;
  onSaved: () => void;
}

/** 评课 of a session that names an observation scale: the scale on one screen, 亮点 and 建议 (it counts as an observation). */
export function ScaleEvaluation({ session, own, loading, onSaved }: Props) {
  const [state, setState] = useState<ScaleState>({ kind: 'loading' });
  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const scale = (await listScales(session.federationId)).items.find((s) => s.id === session.scaleId);
      setState(scale ? { kind: 'ready', scale } : { kind: 'failed', message: '本次活动的观察量表已不存在，请联系活动组织者' });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '量表加载失败，请重试') });
    }
  }, [session.federationId, session.scaleId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (state.kind === 'failed') return <LoadFailed title='量表加载失败' message={state.message} onRetry={() => void load()} />;
  if (state.kind === 'loading' || (loading && !own)) {
    return (
      <View className='card'>
        <Text className='loading-text'>正在加载量表…</Text>
      </View>
    );
  }
  return <ScaleEvaluationForm key={own?.updatedAt ?? 'new'} sessionId={session.id} scale={state.scale} own={own} onSaved={onSaved} />;
}

function ScaleEvaluationForm({ sessionId, scale, own, onSaved }: { sessionId: string; scale: ObservationScale; own: SessionEvaluation | undefined; onSaved: () => void }) {
  const [editing, setEditing] = useState(!own?.scaleId);
  const [scores, setScores] = useState<Array<{ item: string; score: number }>>(own?.scores ?? []);
  const [strengths, setStrengths] = useState(own?.strengths ?? '');
  const [suggestions, setSuggestions] = useState(own?.suggestions ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const editable = scaleEditable(own, scale);

  const submit = async () => {
    const checked = checkScaleEvaluation(scale, scores, strengths, suggestions);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setError('');
    setBusy(true);
    try {
      await submitEvaluation(sessionId, checked.value);
      setBusy(false);
      onSaved();
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure, '提交失败，请稍后重试'));
    }
  };

  if (own?.scaleId && !editing) {
    return (
      <View className='card' data-testid='evaluation-mine'>
        <View className='detail-head'>
          <Text className='card__title'>我的评课</Text>
          <Text className='badge badge--ok' data-testid='evaluation-done'>
            已提交
          </Text>
        </View>
        <Text className='muted'>
          {own.scaleName}（第 {own.scaleVersion} 版） · 总分 <Text data-testid='evaluation-total'>{own.total}</Text>
        </Text>
        <Text className='evaluation-comment'>{dimensionsLine(own.dimensions)}</Text>
        {own.strengths ? <Text className='evaluation-comment'>亮点：{own.strengths}</Text> : null}
        {own.suggestions ? <Text className='evaluation-comment'>建议：{own.suggestions}</Text> : null}
        <Text className='muted'>更新于 {formatDateTime(own.updatedAt)} · 已计入听课次数，授课教师可在「我的听课」查看</Text>
        {editable ? (
          <Button className='btn btn--secondary btn--small' data-testid='evaluation-edit' onClick={() => setEditing(true)}>
            修改评课
          </Button>
        ) : (
          <Text className='muted'>量表已更新为第 {scale.version} 版，已提交的评课按第 {own.scaleVersion} 版保留，不能再修改。</Text>
        )}
      </View>
    );
  }

  return (
    <View data-testid='evaluation-form'>
      <ScaleForm scale={scale} scores={scores} onScore={(item, score) => setScores((current) => withScore(current, item, score))} />
      <View className='card'>
        <View className='eval-field'>
          <Text className='eval-field__label'>亮点</Text>
          <Textarea className='eval-textarea' data-testid='evaluation-strengths' value={strengths} maxlength={2000} placeholder='这节课值得学习的地方' onInput={(e) => setStrengths(e.detail.value)} />
          <CharCounter value={strengths} max={2000} testId={'evaluation-strengths'} />
        </View>
        <View className='eval-field'>
          <Text className='eval-field__label'>建议</Text>
          <Textarea className='eval-textarea' data-testid='evaluation-suggestions' value={suggestions} maxlength={2000} placeholder='可以改进之处' onInput={(e) => setSuggestions(e.detail.value)} />
          <CharCounter value={suggestions} max={2000} testId={'evaluation-suggestions'} />
        </View>
        {error ? (
          <Text className='error-text' data-testid='evaluation-error'>
            {error}
          </Text>
        ) : null}
        <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='evaluation-submit' disabled={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : own?.scaleId ? '保存修改' : '提交评课'}
        </Button>
        {own?.scaleId ? (
          <Button className='btn btn--secondary btn--small' onClick={() => setEditing(false)}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  );
}
