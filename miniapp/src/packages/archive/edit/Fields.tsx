import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { ARCHIVE_KIND_LABELS, ENTRY_KINDS, type EntryKind } from '@lianyan/shared';
import { CharCounter, Choices, FormField } from '@/components/FormField';
import { toDateInput } from '@/utils/time';
import { charCount as fieldCount } from '@/components/FormField/counter';
import { charCount, KIND_HINTS, type FieldDef } from './form';

export const today = () => toDateInput(new Date().toISOString());

export function KindPicker({ onPick }: { onPick: (kind: EntryKind) => void }) {
  return (
    <View className='archive-page' data-testid='entry-kinds'>
      <View className='archive-wrap'>
        <Text className='section-title'>选择记录类型</Text>
        <View className='kind-grid'>
          {ENTRY_KINDS.map((kind) => (
            <View key={kind} className='kind-grid__item' hoverClass='kind-grid__item--pressed' data-testid={`kind-${kind}`} onClick={() => onPick(kind)}>
              <Text className='kind-grid__name'>{ARCHIVE_KIND_LABELS[kind]}</Text>
              <Text className='kind-grid__hint'>{KIND_HINTS[kind]}</Text>
            </View>
          ))}
        </View>
        <Text className='archive-note'>参加教研活动的学时由签到签退自动记入档案，无需添加。</Text>
      </View>
    </View>
  );
}

interface FieldProps {
  field: FieldDef;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

const STARS = [1, 2, 3, 4, 5] as const;

export function Field({ field, value, error, onChange }: FieldProps) {
  const label = field.optional ? `${field.label}（可选）` : field.label;
  const testId = `entry-${field.name}`;
  switch (field.type) {
    case 'date':
      return (
        <FormField label={label} name={field.name} error={error}>
          <View className='row'>
            <Picker mode='date' value={value || today()} {...(field.name === 'date' ? { end: today() } : {})} onChange={(e) => onChange(String(e.detail.value))}>
              <View className='picker-value' data-testid={testId}>
                {value || '请选择日期'}
              </View>
            </Picker>
            {field.optional && value ? (
              <Text className='row__unit field-clear' onClick={() => onChange('')}>
                清除
              </Text>
            ) : null}
          </View>
        </FormField>
      );
    case 'choice':
      return (
        <FormField label={label} name={field.name} error={error}>
          <Choices
            name={testId}
            options={field.options ?? []}
            selected={value}
            onSelect={(next) => onChange(field.optional && next === value ? '' : next)}
          />
        </FormField>
      );
    case 'rating':
      return (
        <FormField label={label} name={field.name} error={error}>
          <View className='star-picker'>
            {STARS.map((n) => (
              <Text
                key={n}
                className={`star-picker__star${n <= Number(value) ? ' star-picker__star--on' : ''}`}
                data-testid={`entry-star-${n}`}
                onClick={() => onChange(String(n))}
              >
                ★
              </Text>
            ))}
            <Text className='star-picker__value'>{Number(value) > 0 ? `${value} 星` : '点选星级'}</Text>
          </View>
        </FormField>
      );
    case 'textarea': {
      const count = charCount(value);
      const hint = field.min ? `至少 ${field.min} 字` : '';
      return (
        <FormField label={label} name={field.name} error={error} hint={field.hint}>
          <Textarea
            className='archive-textarea'
            data-testid={testId}
            value={value}
            maxlength={field.max ?? 500}
            placeholder={field.placeholder ?? ''}
            onInput={(e) => onChange(e.detail.value)}
          />
          <View className='char-count'>
            <Text className={field.min && count < field.min ? 'char-count__short' : ''}>{hint}</Text>
            <Text className={fieldCount(value, field.max ?? 500).full ? 'char-count__short' : ''} data-testid={`${testId}-count`}>
              {fieldCount(value, field.max ?? 500).full ? fieldCount(value, field.max ?? 500).label : `${count}/${field.max ?? 500}`}
            </Text>
          </View>
        </FormField>
      );
    }
    default:
      return (
        <FormField label={label} name={field.name} error={error} hint={field.hint}>
          <Input
            className='input'
            data-testid={testId}
            value={value}
            type={field.type === 'number' ? 'digit' : 'text'}
            maxlength={field.max ?? 20}
            placeholder={field.placeholder ?? ''}
            onInput={(e) => onChange(e.detail.value)}
          />
          <CharCounter value={value} max={field.max ?? 20} testId={testId} />
        </FormField>
      );
  }
}
