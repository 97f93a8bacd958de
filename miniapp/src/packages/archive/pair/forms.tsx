import { useEffect, useRef, useState } from 'react';
import { Button, Image, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { MAX_EVIDENCE, type MentorLog, type MentorLogKind, type MentorPair, type PairRating } from '@lianyan/shared';
import { Choices, FormField } from '@/components/FormField';
import { evidencePlatform, type PickedFile } from '@/platform/evidence';
import { addMentorLog, evaluateMentorPair } from '@/services/mentor-pairs';
import { errorMessage } from '@/utils/labels';
import { toDateInput } from '@/utils/time';
import { uploadEvidence } from '../parts/upload';
import { LOG_KIND_OPTIONS, RATING_OPTIONS, checkEvaluation, checkLog } from './model';

type Photo = { key: string; previewUrl: string; file: PickedFile } & ({ status: 'uploading' } | { status: 'failed' } | { status: 'done'; id: string });
let nextKey = 0;
const today = () => toDateInput(new Date().toISOString());

/** 添加记录: a mentor's or mentee's log, with photos. */
export function LogForm({ pairId, onSaved }: { pairId: string; onSaved: (log: MentorLog) => void }) {
  const [date, setDate] = useState(today());
  const [kind, setKind] = useState<MentorLogKind | ''>('');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const patch = (key: string, next: (p: Photo) => Photo) => {
    if (live.current) setPhotos((current) => current.map((p) => (p.key === key ? next(p) : p)));
  };
  const pick = async () => {
    const room = MAX_EVIDENCE - photos.length;
    if (room <= 0) return;
    const picked = await evidencePlatform.pick('image', room).catch((err: unknown) => {
      void Taro.showToast({ title: errorMessage(err, '无法选择图片'), icon: 'none' });
      return [];
    });
    const added: Photo[] = picked.slice(0, room).map((file) => ({ key: `log-photo-${nextKey++}`, previewUrl: file.previewUrl, file, status: 'uploading' }));
    setPhotos((current) => [...current, ...added]);
    for (const photo of added) {
      uploadEvidence(photo.file, () => undefined).then(
        (id) => patch(photo.key, (p) => ({ key: p.key, previewUrl: p.previewUrl, file: p.file, status: 'done', id })),
        () => patch(photo.key, (p) => ({ key: p.key, previewUrl: p.previewUrl, file: p.file, status: 'failed' })),
      );
    }
  };

  const submit = async () => {
    if (busy) return;
    if (photos.some((p) => p.status === 'uploading')) return setError('照片还在上传，请稍候');
    if (photos.some((p) => p.status === 'failed')) return setError('有照片上传失败，请删除后重新添加');
    const checked = checkLog({ date, kind, text, uploadIds: photos.flatMap((p) => (p.status === 'done' ? [p.id] : [])) }, today());
    if (!checked.ok) return setError(checked.error);
    setError('');
    setBusy(true);
    try {
      const log = await addMentorLog(pairId, checked.value);
      if (!live.current) return;
      setText('');
      setKind('');
      setPhotos([]);
      void Taro.showToast({ title: '已添加', icon: 'success' });
      onSaved(log);
    } catch (err) {
      setError(errorMessage(err, '保存失败，请重试'));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  return (
    <View className='card pair-form' data-testid='pair-log-form'>
      <Text className='card__title'>添加结对记录</Text>
      <FormField label='日期' name='log-date'>
        <Picker mode='date' value={date} end={today()} onChange={(e) => setDate(String(e.detail.value))}>
          <View className='input picker' data-testid='pair-log-date'>
            {date}
          </View>
        </Picker>
      </FormField>
      <FormField label='类型' name='log-kind'>
        <Choices name='pair-log-kind' options={LOG_KIND_OPTIONS} selected={kind} onSelect={setKind} />
      </FormField>
      <FormField label='内容' name='log-text'>
        <Textarea className='input input--textarea' data-testid='pair-log-text' value={text} maxlength={2000} placeholder='指导了什么、听了哪节课、改了哪份教案' onInput={(e) => setText(e.detail.value)} />
      </FormField>
      <View className='pair-photos'>
        {photos.map((p) => (
          <View key={p.key} className='pair-photo'>
            {p.previewUrl ? <Image className='pair-photo__img' src={p.previewUrl} mode='aspectFill' /> : null}
            <Text className='pair-photo__state'>{p.status === 'uploading' ? '上传中' : p.status === 'failed' ? '失败' : ''}</Text>
            <Text className='pair-photo__remove' onClick={() => setPhotos((current) => current.filter((x) => x.key !== p.key))}>
              ×
            </Text>
          </View>
        ))}
        {photos.length < MAX_EVIDENCE ? (
          <View className='pair-photo pair-photo--add' data-testid='pair-log-add-photo' onClick={() => void pick()}>
            <Text>+ 照片</Text>
          </View>
        ) : null}
      </View>
      {error ? (
        <Text className='form-error' data-testid='pair-log-error'>
          {error}
        </Text>
      ) : null}
      <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='pair-log-submit' onClick={() => void submit()}>
        {busy ? '正在保存…' : '保存记录'}
      </Button>
    </View>
  );
}

/** 学年考核: the registering school's admin, once a school year. */
export function EvaluationForm({ pairId, onSaved }: { pairId: string; onSaved: (pair: MentorPair) => void }) {
  const [rating, setRating] = useState<PairRating | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const checked = checkEvaluation({ rating, comment });
    if (!checked.ok) return setError(checked.error);
    setError('');
    setBusy(true);
    try {
      const pair = await evaluateMentorPair(pairId, checked.value);
      void Taro.showToast({ title: '已考核', icon: 'success' });
      onSaved(pair);
    } catch (err) {
      setError(errorMessage(err, '考核提交失败，请重试'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card pair-form' data-testid='pair-evaluation-form'>
      <Text className='card__title'>学年考核</Text>
      <FormField label='等级' name='rating'>
        <Choices name='pair-rating' options={RATING_OPTIONS} selected={rating} onSelect={setRating} />
      </FormField>
      <FormField label='评价意见' name='comment'>
        <Textarea className='input input--textarea' data-testid='pair-evaluation-comment' value={comment} maxlength={1000} placeholder='结对目标完成情况、徒弟的成长' onInput={(e) => setComment(e.detail.value)} />
      </FormField>
      {error ? (
        <Text className='form-error' data-testid='pair-evaluation-error'>
          {error}
        </Text>
      ) : null}
      <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='pair-evaluation-submit' onClick={() => void submit()}>
        {busy ? '正在提交…' : '提交考核（每学年一次）'}
      </Button>
    </View>
  );
}
