import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { REFLECTION_TEXT_MAX, type MyReflection } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { getMyReflection, saveMyReflection } from '@/services/records';
import { errorMessage } from '@/utils/labels';
import { safeDecode } from '@/utils/links';
import { formatDateTime } from '@/utils/time';
import { counterLabel, reflectionStatusLine } from '../parts/model';
import '../parts/records.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; mine: MyReflection };

/** 活动心得: an attendee who signed in writes, saves drafts of and submits their reflection; earlier versions below. */
export default function ReflectionPage() {
  const { params } = useRouter();
  const id = params.id ? safeDecode(params.id) : '';
  const title = params.title ? safeDecode(params.title) : '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', mine: await getMyReflection(id) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '心得加载失败，请重试') });
    }
  }, [id]);
  useLoad(() => void load());

  if (!id) {
    return (
      <View className='records-page'>
        <View className='card'>
          <EmptyState title='没有找到这个活动' hint='请从活动详情进入。' />
        </View>
      </View>
    );
  }
  if (state.kind === 'loading') return <Text className='loading-text'>正在加载心得…</Text>;
  if (state.kind === 'failed') {
    return (
      <View className='records-page'>
        <LoadFailed title='心得加载失败' message={state.message} onRetry={() => void load()} testId='reflection-error' />
      </View>
    );
  }
  const { mine } = state;
  return (
    <View className='records-page' data-testid='reflection-page'>
      <View className='card'>
        <Text className='card__title'>{title || '活动心得'}</Text>
        {mine.settings?.prompt ? <Text className='records-prompt'>{mine.settings.prompt}</Text> : null}
        <Text className='muted records-line' data-testid='reflection-status'>
          {reflectionStatusLine(mine, Date.now())}
        </Text>
      </View>
      {mine.settings && mine.editable ? (
        <ReflectionForm key={mine.reflection?.updatedAt ?? 'new'} sessionId={id} mine={mine} onSaved={(next) => setState({ kind: 'ready', mine: next })} />
      ) : mine.reflection ? (
        <View className='card'>
          <Text className='card__title'>我的心得</Text>
          <Text className='records-prompt'>{mine.reflection.text}</Text>
        </View>
      ) : null}
      {mine.history.length > 1 ? (
        <View className='card' data-testid='reflection-history'>
          <Text className='card__title'>提交记录</Text>
          {[...mine.history].reverse().map((v) => (
            <View key={v.version} className='reflection-version'>
              <Text className='reflection-version__head'>
                第 {v.version} 版 · {formatDateTime(v.submittedAt)}
                {v.late ? ' · 逾期' : ''}
              </Text>
              <Text className='reflection-version__text'>{v.text}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function ReflectionForm({ sessionId, mine, onSaved }: { sessionId: string; mine: MyReflection; onSaved: (next: MyReflection) => void }) {
  const minLength = mine.settings?.minLength ?? 0;
  const submitted = mine.reflection?.status === 'submitted';
  const [text, setText] = useState(mine.reflection?.text ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const counter = counterLabel(text, minLength);

  const save = async (submit: boolean) => {
    if (busy) return;
    if (submit && counter.short) {
      setError(`心得至少 ${minLength} 字，请再写一些`);
      return;
    }
    setBusy(true);
    setError('');
    try {
      const next = await saveMyReflection(sessionId, { text, submit });
      void Taro.showToast({ title: submit ? '心得已提交' : '草稿已保存', icon: 'success' });
      onSaved(next);
    } catch (err) {
      setError(errorMessage(err, submit ? '提交失败，请重试' : '保存失败，请重试'));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='reflection-form'>
      <Text className='card__title'>{submitted ? '修改心得' : '撰写心得'}</Text>
      <Textarea
        className='reflection-text'
        data-testid='reflection-text'
        value={text}
        maxlength={REFLECTION_TEXT_MAX}
        placeholder={minLength > 0 ? `结合本次活动写下收获与思考，至少 ${minLength} 字` : '结合本次活动写下收获与思考'}
        onInput={(e) => setText(e.detail.value)}
      />
      <View className='reflection-counter'>
        <Text className={counter.short ? 'reflection-counter__short' : ''} data-testid='reflection-counter'>
          {counter.label}
        </Text>
      </View>
      {error ? (
        <Text className='reflection-error' data-testid='reflection-form-error'>
          {error}
        </Text>
      ) : null}
      <View className='reflection-actions'>
        {submitted ? null : (
          <Button className='btn btn--secondary' disabled={busy} data-testid='reflection-save-draft' onClick={() => void save(false)}>
            保存草稿
          </Button>
        )}
        <Button className='btn' disabled={busy} data-testid='reflection-submit' onClick={() => void save(true)}>
          {submitted ? '提交修改' : '提交心得'}
        </Button>
      </View>
    </View>
  );
}
