/** Retry timing for failed deliveries. */
export interface BackoffOptions {
  /** The first retry's delay, before jitter. @default 1000 */
  baseMs: number;
  /** No delay grows beyond this. @default 300000 (5 minutes) */
  maxMs: number;
}

/**
 * The delay before retry number `attempt` (1 for the first retry): exponential (base·2^(attempt−1),
 * capped), with "equal jitter": a random point in its upper half. Subscribers that failed together
 * (one receiver down for all) come back spread out, and each delay still at least half doubles.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
