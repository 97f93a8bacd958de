import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { EXCHANGE_RATING_LABELS, EXCHANGE_RATINGS, ExchangeAssessmentRequest, type ExchangeRating, type ExchangeRow } from '@lianyan/shared';
import { CharCounter, Choices, FormField } from '@/components/FormField';
import { assessExchange } from '@/services/exchanges';
import { errorMessage } from '@/utils/labels';
import { rowSummary } from './model';

const RATING_OPTIONS = EXCHANGE_RATINGS.map((value) => ({ value, label: EXCHANGE_RATING_LABELS[value] }));

interface Props {
  row: ExchangeRow;
  onDone: () => void;
  onCancel: () => void;
}

/** 考核问效: the host school's rating and comment, once the exchange has ended. */
export function AssessSheet({ row, onDone, onCancel }: Props) {
  const [rating, setRating] = useState<ExchangeRating | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const parsed = ExchangeAssessmentRequest.safeParse({ rating: rating || undefined, comment: comment.trim() });
    if (!parsed.success) return setError(rating ? (parsed.error.issues[0]?.message ?? '请填写考核意见') : '请选择考核结果');
    setError('');
    setBusy(true);
    try {
      await assessExchange(row.id, parsed.data);
      onDone();
    } catch (failure) {
      setError(errorMessage(failure, '提交失败，请重试'));
      setBusy(false);
    }
  };

  return (
    <View className='sheet' data-testid='assess-sheet'>
      <View className='sheet__panel exchanges-sheet'>
        <Text className='sheet__title'>考核「{row.name}」</Text>
        <Text className='sheet__sub'>{rowSummary(row)}</Text>
        <FormField label='考核结果' name='assess-rating'>
          <Choices name='assess-rating' options={RATING_OPTIONS} selected={rating} onSelect={setRating} />
        </FormField>
        <FormField label='考核意见' name='assess-comment'>
          <Textarea className='textarea' data-testid='assess-comment' maxlength={1000} value={comment} onInput={(e) => setComment(e.detail.value)} />
          <CharCounter value={comment} max={1000} testId='assess-comment' />
        </FormField>
        {error ? (
          <Text className='form-error' data-testid='assess-error'>
            {error}
          </Text>
        ) : null}
        <View className='exchanges-sheet__actions'>
          <Button className='btn btn--secondary' data-testid='assess-cancel' onClick={onCancel}>
            取消
          </Button>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='assess-save' onClick={() => void submit()}>
            {busy ? '正在提交…' : '提交考核'}
          </Button>
        </View>
      </View>
    </View>
  );
}
