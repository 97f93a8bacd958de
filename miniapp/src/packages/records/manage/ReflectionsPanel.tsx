import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { reflectionLength, REFLECTION_STATUS_LABELS, type Reflection, type ReflectionList, type ReflectionSettings } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { CharCounter, FormField } from '@/components/FormField';
import { LoadFailed } from '@/components/LoadFailed';
import { listReflections, publishExcerpts, requestReflections } from '@/services/records';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { checkRequestForm, excerptDraft, excerptErrors, excerptProblem, requestForm, sortReflections, type Loadable, type RequestForm } from '../parts/model';

interface Props {
  sessionId: string;
  sessionEndAt: string;
  schoolNames: Record<string, string>;
}

/** 心得: what attendees are asked to write, who has written, and the excerpts the briefing quotes. */
export function ReflectionsPanel({ sessionId, sessionEndAt, schoolNames }: Props) {
  const [state, setState] = useState<Loadable<ReflectionList>>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', data: await listReflections(sessionId) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '心得加载失败，请重试') });
    }
  }, [sessionId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (state.kind === 'loading') return <Text className='loading-text'>正在加载心得…</Text>;
  if (state.kind === 'failed') return <LoadFailed title='心得加载失败' message={state.message} onRetry={() => void load()} testId='records-reflections-error' />;
  const { settings, items, summary } = state.data;
  const counts = [
    { key: 'signedIn', label: '已签到', value: summary.signedIn },
    { key: 'submitted', label: '已提交', value: summary.submitted },
    { key: 'late', label: '迟交', value: summary.late },
    { key: 'drafts', label: '草稿', value: summary.drafts },
    { key: 'missing', label: '未提交', value: summary.missing },
  ];
  return (
    <View data-testid='records-reflections-panel'>
      <RequestCard
        key={settings?.updatedAt ?? 'none'}
        sessionId={sessionId}
        settings={settings}
        sessionEndAt={sessionEndAt}
        onSaved={(next) => setState({ kind: 'ready', data: { ...state.data, settings: next } })}
      />
      {settings ? (
        <View className='rec-figures' data-testid='records-reflection-counts'>
          {counts.map((c) => (
            <View key={c.key} className={`rec-figure rec-figure--${c.key}`}>
              <Text className='rec-figure__value' data-testid={`records-count-${c.key}`}>
                {c.value}
              </Text>
              <Text className='rec-figure__label'>{c.label}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {settings ? (
        <ReflectionListCard
          key={`${settings.updatedAt}-${items.length}`}
          sessionId={sessionId}
          settings={settings}
          items={items}
          schoolNames={schoolNames}
          onSaved={(next) => setState({ kind: 'ready', data: { ...state.data, settings: next } })}
        />
      ) : null}
    </View>
  );
}

function RequestCard({ sessionId, settings, sessionEndAt, onSaved }: { sessionId: string; settings: ReflectionSettings | undefined; sessionEndAt: string; onSaved: (next: ReflectionSettings) => void }) {
  const [editing, setEditing] = useState(!settings);
  const [form, setForm] = useState<RequestForm>(() => requestForm(settings, sessionEndAt));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [saving, setSaving] = useState(false);

  const set = (name: keyof RequestForm, value: string) => {
    setForm((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name === 'date' || name === 'time' ? 'deadline' : name]: '' }));
  };

  const save = async () => {
    if (saving) return;
    const checked = checkRequestForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setSaving(true);
    setFormError('');
    try {
      const next = await requestReflections(sessionId, checked.request);
      void Taro.showToast({ title: settings ? '要求已修改' : '心得已布置', icon: 'success' });
      onSaved(next);
    } catch (error) {
      if (error instanceof ApiError) setErrors(Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, v[0] ?? ''])));
      setFormError(errorMessage(error, '保存失败，请重试'));
      setSaving(false);
    }
  };

  if (settings && !editing) {
    return (
      <View className='card' data-testid='records-request'>
        <Text className='card__title'>心得要求</Text>
        <Text className='records-line' data-testid='records-request-summary'>
          {settings.minLength > 0 ? `至少 ${settings.minLength} 字` : '不限字数'} · {formatDateTime(settings.deadline)} 截止
        </Text>
        {settings.prompt ? <Text className='records-prompt'>{settings.prompt}</Text> : null}
        <Text className='muted records-line'>签到的参加者会在「待提交心得」中看到要求；截止后提交的记为迟交。</Text>
        <Button className='btn btn--secondary btn--small' data-testid='records-request-edit' onClick={() => setEditing(true)}>
          修改要求
        </Button>
      </View>
    );
  }
  return (
    <View className='card' data-testid='records-request-form'>
      <Text className='card__title'>{settings ? '修改心得要求' : '布置心得'}</Text>
      {settings ? null : <Text className='muted records-line rec-spaced'>布置后，签到的参加者可以在小程序中撰写并提交活动心得。</Text>}
      <FormField label='最少字数' name='minLength' error={errors.minLength} hint='不计空格和换行；填 0 表示不限字数'>
        <Input className='input' data-testid='records-request-min' type='number' value={form.minLength} maxlength={4} onInput={(e) => set('minLength', e.detail.value)} />
      </FormField>
      <FormField label='截止时间' name='deadline' error={errors.deadline}>
        <View className='row'>
          <Picker mode='date' value={form.date} onChange={(e) => set('date', String(e.detail.value))}>
            <View className='picker-value' data-testid='records-request-date'>
              {form.date || '选择日期'}
            </View>
          </Picker>
          <Picker mode='time' value={form.time} onChange={(e) => set('time', String(e.detail.value))}>
            <View className='picker-value' data-testid='records-request-time'>
              {form.time || '选择时间'}
            </View>
          </Picker>
        </View>
      </FormField>
      <FormField label='要求说明（可选）' name='prompt' error={errors.prompt}>
        <Textarea
          className='rec-textarea'
          data-testid='records-request-prompt'
          value={form.prompt}
          maxlength={200}
          placeholder='如：结合本次活动，谈谈对大单元教学的收获与打算'
          onInput={(e) => set('prompt', e.detail.value)}
        />
        <CharCounter value={form.prompt} max={200} testId='records-request-prompt' />
      </FormField>
      {formError ? (
        <Text className='error-text' data-testid='records-request-error'>
          {formError}
        </Text>
      ) : null}
      <View className='reflection-actions'>
        {settings ? (
          <Button className='btn btn--secondary' disabled={saving} onClick={() => setEditing(false)}>
            取消
          </Button>
        ) : null}
        <Button className='btn' data-testid='records-request-save' disabled={saving} onClick={() => void save()}>
          {saving ? '正在保存…' : settings ? '保存修改' : '布置心得'}
        </Button>
      </View>
    </View>
  );
}

const PREVIEW_CHARS = 60;
const preview = (text: string) => {
  const chars = [...text];
  if (!chars.length) return '（草稿为空）';
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}… 展开` : text;
};

interface ListProps {
  sessionId: string;
  settings: ReflectionSettings;
  items: Reflection[];
  schoolNames: Record<string, string>;
  onSaved: (next: ReflectionSettings) => void;
}

function ReflectionListCard({ sessionId, settings, items, schoolNames, onSaved }: ListProps) {
  const [open, setOpen] = useState('');
  // The excerpts chosen, by author, in the order they were chosen.
  const [chosen, setChosen] = useState<Array<{ userId: string; text: string }>>(() => settings.excerpts.map((e) => ({ userId: e.userId, text: e.text })));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState('');
  const byUser = new Map(items.map((r) => [r.userId, r]));
  const problems = Object.fromEntries(chosen.map((c) => [c.userId, excerptProblem(byUser.get(c.userId)?.text ?? '', c.text) ?? serverErrors[c.userId] ?? '']));
  const invalid = Object.values(problems).some(Boolean);

  const toggle = (r: Reflection) => {
    setChosen((current) => (current.some((c) => c.userId === r.userId) ? current.filter((c) => c.userId !== r.userId) : [...current, { userId: r.userId, text: excerptDraft(r.text) }]));
    setServerErrors((current) => ({ ...current, [r.userId]: '' }));
  };
  const edit = (userId: string, text: string) => {
    setChosen((current) => current.map((c) => (c.userId === userId ? { ...c, text } : c)));
    setServerErrors((current) => ({ ...current, [userId]: '' }));
  };

  const save = async () => {
    if (saving || invalid) return;
    setSaving(true);
    setFormError('');
    try {
      const next = await publishExcerpts(sessionId, { items: chosen.map((c) => ({ userId: c.userId, text: c.text.trim() })) });
      void Taro.showToast({ title: chosen.length ? '摘录已保存' : '已清除摘录', icon: 'success' });
      onSaved(next);
    } catch (error) {
      if (error instanceof ApiError) setServerErrors(excerptErrors(error.fieldErrors, chosen.map((c) => c.userId)));
      setFormError(errorMessage(error, '保存失败，请重试'));
      setSaving(false);
    }
  };

  const sorted = sortReflections(items);
  return (
    <View className='card' data-testid='records-reflections'>
      <Text className='card__title'>心得（{items.length}）</Text>
      {items.length === 0 ? <EmptyState title='还没有人提交心得' hint='签到的参加者提交后会显示在这里，可以选出精彩段落放进简报。' /> : null}
      {sorted.map((r) => {
        const school = r.schoolId ? (schoolNames[r.schoolId] ?? '') : '';
        const pick = chosen.find((c) => c.userId === r.userId);
        const expanded = open === r.userId;
        return (
          <View key={r.userId} className='rec-item' data-testid={`records-reflection-${r.userId}`}>
            <View className='rec-item__head' onClick={() => setOpen(expanded ? '' : r.userId)}>
              <View className='rec-item__who'>
                <Text className='rec-item__name'>{r.name}</Text>
                <Text className='muted'>
                  {[school, `${reflectionLength(r.text)} 字`, r.submittedAt ? formatDateTime(r.submittedAt) : ''].filter(Boolean).join(' · ')}
                </Text>
              </View>
              {r.late ? <Text className='badge badge--warn rec-item__badge'>迟交</Text> : null}
              <Text className={`badge badge--${r.status === 'submitted' ? 'ok' : 'muted'} rec-item__badge`}>{REFLECTION_STATUS_LABELS[r.status]}</Text>
            </View>
            {expanded ? (
              <Text className='records-prompt' data-testid='records-reflection-text'>
                {r.text || '（草稿为空）'}
              </Text>
            ) : (
              <Text className='rec-item__preview' onClick={() => setOpen(r.userId)}>
                {preview(r.text)}
              </Text>
            )}
            {r.status === 'submitted' ? (
              <Text className={`rec-toggle${pick ? ' rec-toggle--on' : ''}`} data-testid='records-excerpt-toggle' onClick={() => toggle(r)}>
                {pick ? '✓ 已选为简报摘录' : '选为简报摘录'}
              </Text>
            ) : null}
            {pick ? (
              <View className='rec-excerpt'>
                <Textarea className='rec-textarea' data-testid='records-excerpt-text' value={pick.text} maxlength={500} onInput={(e) => edit(r.userId, e.detail.value)} />
                <CharCounter value={pick.text} max={500} testId='records-excerpt-text' />
                <Text className='form-field__hint'>可删去前后的文字，保留原文中连续的一段；不能改写。</Text>
                {problems[r.userId] ? (
                  <Text className='error-text' data-testid='records-excerpt-error'>
                    {problems[r.userId]}
                  </Text>
                ) : null}
              </View>
            ) : null}
          </View>
        );
      })}
      {items.some((r) => r.status === 'submitted') || settings.excerpts.length ? (
        <View className='rec-excerpt-save'>
          {formError ? (
            <Text className='error-text' data-testid='records-excerpts-error'>
              {formError}
            </Text>
          ) : null}
          <Button className='btn' data-testid='records-excerpts-save' disabled={saving || invalid} onClick={() => void save()}>
            {saving ? '正在保存…' : `保存简报摘录（${chosen.length}）`}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
