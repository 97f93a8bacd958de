import { useEffect, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { shanghaiDay, type FederationWithSchools, type Person } from '@lianyan/shared';
import { CharCounter, Choices, FormField } from '@/components/FormField';
import { createExchange } from '@/services/exchanges';
import { listPeople } from '@/services/people';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { KIND_OPTIONS, checkExchangeForm, emptyExchangeForm, type ExchangeForm, type ExchangeFormErrors } from './model';

interface Props {
  federation: FederationWithSchools;
  onDone: () => void;
  onCancel: () => void;
}

/** 登记交流: the sending school and its teacher, the receiving school, the kind, the period and the duties. */
export function ExchangeSheet({ federation, onDone, onCancel }: Props) {
  const [form, setForm] = useState<ExchangeForm>(emptyExchangeForm(shanghaiDay(new Date())));
  const [errors, setErrors] = useState<ExchangeFormErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [people, setPeople] = useState<Person[] | 'loading' | 'failed'>([]);
  const set = <K extends keyof ExchangeForm>(key: K, value: ExchangeForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const schools = federation.schools.map((s) => ({ value: s.id, label: s.name }));

  useEffect(() => {
    if (!form.fromSchoolId) return;
    setPeople('loading');
    listPeople(form.fromSchoolId, { limit: 100 })
      .then((page) => setPeople(page.items.filter((p) => p.status !== 'left')))
      .catch(() => setPeople('failed'));
  }, [form.fromSchoolId]);

  const submit = async () => {
    if (busy) return;
    const checked = checkExchangeForm(form);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      await createExchange(federation.federation.id, checked.request);
      onDone();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0]])) as ExchangeFormErrors);
      setFormError(errorMessage(error, '登记失败，请重试'));
      setBusy(false);
    }
  };

  return (
    <View className='sheet' data-testid='exchange-sheet'>
      <View className='sheet__panel exchanges-sheet'>
        <Text className='sheet__title'>登记交流</Text>
        <Text className='sheet__sub'>{federation.federation.name}</Text>
        <FormField label='派出学校' name='exchange-from' error={errors.fromSchoolId}>
          <Choices name='exchange-from' options={schools} selected={form.fromSchoolId} onSelect={(v) => setForm((f) => ({ ...f, fromSchoolId: v, userId: '' }))} />
        </FormField>
        <FormField label='交流教师' name='exchange-person' error={errors.userId}>
          {!form.fromSchoolId ? <Text className='muted'>先选择派出学校</Text> : null}
          {people === 'loading' ? <Text className='muted'>正在加载教师…</Text> : null}
          {people === 'failed' ? <Text className='form-error'>教师名册加载失败，请重新选择学校</Text> : null}
          {Array.isArray(people) && form.fromSchoolId ? (
            people.length ? (
              <Choices name='exchange-person' options={people.map((p) => ({ value: p.id, label: p.name }))} selected={form.userId} onSelect={(v) => set('userId', v)} />
            ) : (
              <Text className='muted'>这所学校的名册里还没有教师</Text>
            )
          ) : null}
        </FormField>
        <FormField label='接收学校' name='exchange-to' error={errors.toSchoolId}>
          <Choices name='exchange-to' options={schools.filter((s) => s.value !== form.fromSchoolId)} selected={form.toSchoolId} onSelect={(v) => set('toSchoolId', v)} />
        </FormField>
        <FormField label='交流类型' name='exchange-kind' error={errors.kind}>
          <Choices name='exchange-kind' options={KIND_OPTIONS} selected={form.kind} onSelect={(v) => set('kind', v)} />
        </FormField>
        <FormField label='开始日期' name='exchange-start' error={errors.startDate}>
          <Picker mode='date' value={form.startDate} onChange={(e) => set('startDate', String(e.detail.value))}>
            <View className='input picker' data-testid='exchange-start'>
              {form.startDate || '请选择'}
            </View>
          </Picker>
        </FormField>
        <FormField label='结束日期' name='exchange-end' error={errors.endDate}>
          <Picker mode='date' value={form.endDate || form.startDate} onChange={(e) => set('endDate', String(e.detail.value))}>
            <View className='input picker' data-testid='exchange-end'>
              {form.endDate || '请选择'}
            </View>
          </Picker>
        </FormField>
        <FormField label='工作内容（选填）' name='exchange-duties' error={errors.duties}>
          <Input className='input' data-testid='exchange-duties' maxlength={500} value={form.duties} onInput={(e) => set('duties', e.detail.value)} />
          <CharCounter value={form.duties} max={500} testId='exchange-duties' />
        </FormField>
        {formError ? (
          <Text className='form-error' data-testid='exchange-error'>
            {formError}
          </Text>
        ) : null}
        <View className='exchanges-sheet__actions'>
          <Button className='btn btn--secondary' data-testid='exchange-cancel' onClick={onCancel}>
            取消
          </Button>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='exchange-save' onClick={() => void submit()}>
            {busy ? '正在保存…' : '登记'}
          </Button>
        </View>
      </View>
    </View>
  );
}
