import type { ReactNode } from 'react';
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { THEME_PRIMARY } from '../../styles/theme';
import { charCount } from './counter';

interface FormFieldProps {
  label: string;
  /** Field name, for the test id and the error under it. */
  name: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}

export function FormField({ label, name, error, hint, children }: FormFieldProps) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`} data-testid={`field-${name}`}>
      <Text className='form-field__label'>{label}</Text>
      {children}
      {hint ? <Text className='form-field__hint'>{hint}</Text> : null}
      {error ? (
        <Text className='error-text' data-testid={`error-${name}`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

interface ChoicesProps<T extends string> {
  name: string;
  options: readonly ChoiceOption<T>[];
  /** One value, or several for a multi-select. */
  selected: T | readonly T[];
  onSelect: (value: T) => void;
}

/** A row of chips: quicker than a picker for a handful of options, and it shows them all. */
export function Choices<T extends string>({ name, options, selected, onSelect }: ChoicesProps<T>) {
  const isOn = (value: T) => (typeof selected === 'string' ? selected === value : selected.includes(value));
  return (
    <View className='choices'>
      {options.map((option) => (
        <View
          key={option.value}
          className={`choices__item${isOn(option.value) ? ' choices__item--on' : ''}`}
          data-testid={`${name}-${option.value}`}
          onClick={() => onSelect(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  );
}

interface CharCounterProps {
  value: string;
  max: number;
  /** The field's test id: the counter is `<testId>-count`. */
  testId: string;
}

/** `12/60` under a field cut at a maximum; once it is full, that the rest did not go in. */
export function CharCounter({ value, max, testId }: CharCounterProps) {
  const count = charCount(value, max);
  return (
    <Text className={`field-count${count.full ? ' field-count--full' : ''}`} data-testid={`${testId}-count`}>
      {count.label}
    </Text>
  );
}

interface TextInputProps {
  value: string;
  max: number;
  onInput: (value: string) => void;
  testId: string;
  placeholder?: string;
  multiline?: boolean;
  /** Extra class of a multi-line box (its height). */
  className?: string;
}

/** A text box cut at `max`, with its counter: the one way a page takes bounded text. */
export function TextInput({ value, max, onInput, testId, placeholder = '', multiline = false, className = '' }: TextInputProps) {
  return (
    <View className='text-input'>
      {multiline ? (
        <Textarea
          className={`input input--textarea ${className}`.trim()}
          data-testid={testId}
          value={value}
          maxlength={max}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
        />
      ) : (
        <Input className='input' data-testid={testId} value={value} maxlength={max} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      )}
      <CharCounter value={value} max={max} testId={testId} />
    </View>
  );
}

interface TextFieldProps extends Omit<TextInputProps, 'testId'> {
  label: string;
  name: string;
  /** Defaults to the name. */
  testId?: string;
  error?: string | undefined;
  hint?: string;
}

/** A labelled text field cut at `max`: the box, its counter, a hint and the error under it. */
export function TextField({ label, name, error, hint, testId, ...input }: TextFieldProps) {
  return (
    <FormField label={label} name={name} error={error} {...(hint ? { hint } : {})}>
      <TextInput {...input} testId={testId ?? name} />
    </FormField>
  );
}

interface SwitchRowProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  children?: ReactNode;
}

/** A switch in the theme colour on every platform (the mini-programs' default is WeChat green), its label beside it. */
export function SwitchRow({ label, checked, onChange, testId, children }: SwitchRowProps) {
  return (
    <View className='switch-row'>
      <Text>{label}</Text>
      {children}
      <Switch checked={checked} color={THEME_PRIMARY} {...(testId ? { 'data-testid': testId } : {})} onChange={(e) => onChange(Boolean(e.detail.value))} />
    </View>
  );
}
