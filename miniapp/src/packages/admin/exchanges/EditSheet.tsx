import { useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { ExchangeRow } from '@lianyan/shared';
import { CharCounter, Choices, FormField } from '@/components/FormField';
import { updateExchange } from '@/services/exchanges';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { KIND_OPTIONS, checkExchangeEdit, editFormOf, type ExchangeEdit, type ExchangeEditErrors } from './model';

interface Props {
  row: ExchangeRow;
  onDone: () => void;
  onCancel: () => void;
}

/** 修改交流: the kind, the period and the duties of a registered exchange (another person is another exchange). */
export function EditSheet({ row, onDone, onCancel }: Props) {
  const [form, setForm] = useState<ExchangeEdit>(editFormOf(row));
  const [errors, setErrors] = useState<ExchangeEditErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ExchangeEdit>(key: K, value: ExchangeEdit[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    if (busy) return;
    const checked = checkExchangeEdit(form, row);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError(checked.message ?? '');
      return;
    }
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      await updateExchange(row.id, checked.request);
      onDone();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0]])) as ExchangeEditErrors);
      setFormError(errorMessage(error, '保存失败，请重试'));
      setBusy(false);
    }
  };

  return (
    <View className='sheet' data-testid='exchange-edit-sheet'>
      <View className='sheet__panel exchanges-sheet'>
        <Text className='sheet__title'>修改交流</Text>
        <Text className='sheet__sub'>
          {row.name} · {row.fromSchoolName} → {row.toSchoolName}
        </Text>
        <FormField label='交流类型' name='exchange-edit-kind' error={errors.kind}>
          <Choices name='exchange-edit-kind' options={KIND_OPTIONS} selected={form.kind} onSelect={(v) => set('kind', v)} />
        </FormField>
        <FormField label='开始日期' name='exchange-edit-start' error={errors.startDate}>
          <Picker mode='date' value={form.startDate} onChange={(e) => set('startDate', String(e.detail.value))}>
            <View className='input picker' data-testid='exchange-edit-start'>
              {form.startDate}
            </View>
          </Picker>
        </FormField>
        <FormField label='结束日期' name='exchange-edit-end' error={errors.endDate}>
          <Picker mode='date' value={form.endDate} onChange={(e) => set('endDate', String(e.detail.value))}>
            <View className='input picker' data-testid='exchange-edit-end'>
              {form.endDate}
            </View>
          </Picker>
        </FormField>
        <FormField label='工作内容（选填）' name='exchange-edit-duties' error={errors.duties}>
          <Input className='input' data-testid='exchange-edit-duties' maxlength={500} value={form.duties} onInput={(e) => set('duties', e.detail.value)} />
          <CharCounter value={form.duties} max={500} testId='exchange-edit-duties' />
        </FormField>
        {formError ? (
          <Text className='form-error' data-testid='exchange-edit-error'>
            {formError}
          </Text>
        ) : null}
        <View className='exchanges-sheet__actions'>
          <Button className='btn btn--secondary' data-testid='exchange-edit-cancel' onClick={onCancel}>
            取消
          </Button>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='exchange-edit-save' onClick={() => void submit()}>
            {busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      </View>
    </View>
  );
}
