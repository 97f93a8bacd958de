import { describe, expect, it } from 'vitest';
import { percentLabel, ringRotations, ringShare } from './geometry';

describe('ringShare', () => {
  it('is the reached part of the target, kept between 0 and 1', () => {
    expect(ringShare(12, 24)).toBe(0.5);
    expect(ringShare(30, 24)).toBe(1);
    expect(ringShare(-1, 24)).toBe(0);
  });

  it('is 0 without a target', () => {
    expect(ringShare(5, undefined)).toBe(0);
    expect(ringShare(5, 0)).toBe(0);
    expect(ringShare(Number.NaN, 24)).toBe(0);
  });
});

describe('ringRotations', () => {
  it('hides both arcs at 0: the right one ends at 0°, the left one covers only the right half', () => {
    expect(ringRotations(0)).toEqual({ right: -135, left: 45 });
  });

  it('turns the right arc up to the half, then the left one', () => {
    expect(ringRotations(0.25)).toEqual({ right: -45, left: 45 });
    expect(ringRotations(0.5)).toEqual({ right: 45, left: 45 });
    expect(ringRotations(0.75)).toEqual({ right: 45, left: 135 });
    expect(ringRotations(1)).toEqual({ right: 45, left: 225 });
  });

  it('clamps shares outside 0…1', () => {
    expect(ringRotations(2)).toEqual(ringRotations(1));
    expect(ringRotations(-1)).toEqual(ringRotations(0));
  });
});

describe('percentLabel', () => {
  it('rounds down, so 100% means the target is reached', () => {
    expect(percentLabel(23.9 / 24)).toBe('99%');
    expect(percentLabel(1)).toBe('100%');
    expect(percentLabel(0.29)).toBe('29%');
    expect(percentLabel(0)).toBe('0%');
  });
});
