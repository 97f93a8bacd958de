// Progress rings: two half-discs turned by CSS, so every platform draws them without a canvas.

/** How much of a target is reached, between 0 and 1; 0 when there is no target. */
export function ringShare(value: number, target: number | undefined): number {
  if (!target || target <= 0 || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value / target));
}

/**
 * Turns of the right and left half-arcs for a share. Each arc is the top and right borders of a circle, which
 * span -45°…135°; turned by `end - 135` it spans `end - 180`…`end`. The right half shows 0°…180° and the left
 * 180°…360°, so the right arc ends at the angle (at most 180°) and the left one at the angle (at least 180°).
 */
export function ringRotations(share: number): { right: number; left: number } {
  const angle = Math.min(1, Math.max(0, share)) * 360;
  return { right: Math.min(angle, 180) - 135, left: Math.max(angle, 180) - 135 };
}

/** `85%`, rounded down so a ring never says 100% before the target is reached. */
export function percentLabel(share: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, share)) * 100 + 1e-9)}%`;
}
