import { Text, View } from '@tarojs/components';
import { percentLabel, ringRotations, ringShare } from './geometry';
import './index.scss';

interface ProgressRingProps {
  label: string;
  value: number;
  target: number;
  /** The value as shown, e.g. `12.5`. */
  valueText: string;
  /** Under the label instead of the percentage, e.g. the period. */
  sub?: string;
  testId?: string;
}

/** A progress ring in plain CSS (two clipped half-arcs), so WeChat, DingTalk and browsers draw it alike. */
export function ProgressRing({ label, value, target, valueText, sub, testId }: ProgressRingProps) {
  const share = ringShare(value, target);
  const { right, left } = ringRotations(share);
  const tone = share >= 1 ? 'ring--done' : '';
  return (
    <View className={`ring ${tone}`} data-testid={testId}>
      <View className='ring__disc'>
        <View className='ring__track' />
        {share > 0 ? (
          <View className='ring__half ring__half--right'>
            <View className='ring__arc' style={{ transform: `rotate(${right}deg)` }} />
          </View>
        ) : null}
        {share > 0.5 ? (
          <View className='ring__half ring__half--left'>
            <View className='ring__arc' style={{ transform: `rotate(${left}deg)` }} />
          </View>
        ) : null}
        <View className='ring__center'>
          <Text className='ring__value' data-testid={testId ? `${testId}-value` : undefined}>
            {valueText}
          </Text>
          <Text className='ring__target'>/ {target}</Text>
        </View>
      </View>
      <Text className='ring__label'>{label}</Text>
      <Text className='ring__sub'>{sub ?? percentLabel(share)}</Text>
    </View>
  );
}
