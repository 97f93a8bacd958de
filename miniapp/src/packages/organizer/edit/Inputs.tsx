import { Input } from '@tarojs/components';
import { TextInput } from '@/components/FormField';
import { TEXT_MAX, type PartProps, type TextKey } from './model';

type BoundedKey = Extract<keyof typeof TEXT_MAX, TextKey>;

interface InputProps<K> extends Pick<PartProps, 'form' | 'set'> {
  name: K;
  placeholder?: string;
}

/** A free-text field of the form, cut at its maximum, with its counter (`edit-<name>`, `edit-<name>-count`). */
export function FormText({ form, set, name, placeholder }: InputProps<BoundedKey>) {
  return <TextInput testId={`edit-${name}`} value={form[name]} max={TEXT_MAX[name]} placeholder={placeholder ?? ''} onInput={(value) => set(name, value)} />;
}

/** A number of the form, kept as typed (`edit-<name>`). */
export function FormNumber({ form, set, name, placeholder, decimal = false }: InputProps<TextKey> & { decimal?: boolean }) {
  return (
    <Input
      className='input'
      data-testid={`edit-${name}`}
      value={form[name]}
      type={decimal ? 'digit' : 'number'}
      maxlength={12}
      placeholder={placeholder ?? ''}
      onInput={(event) => set(name, event.detail.value)}
    />
  );
}
