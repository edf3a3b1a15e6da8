let refreshCount = 0;

/**
 * Records that the user refreshed an entity's assessment in this browser
 * tab, which makes fleet pages loaded before it outdated.
 */
export function recordAssessmentRefresh(): void {
  refreshCount += 1;
}

/**
 * Returns the number of assessment refreshes recorded so far. A fleet page
 * stays valid only while this number is the one it was requested at.
 */
export function countAssessmentRefreshes(): number {
  return refreshCount;
}
