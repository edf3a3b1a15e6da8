const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

// Created once, because a table formats a time in every row, and creating an
// Intl formatter costs much more than formatting with it.
const RELATIVE_TIME_FORMAT = new Intl.RelativeTimeFormat('en', {
  numeric: 'auto',
});

/** Formats the time between `from` and `now` as, for example, "3 hours ago". */
export function formatRelativeTime(from: Date, now: Date): string {
  const elapsedMs = from.getTime() - now.getTime();

  for (const [unit, unitMs] of RELATIVE_UNITS) {
    if (Math.abs(elapsedMs) >= unitMs) {
      return RELATIVE_TIME_FORMAT.format(Math.round(elapsedMs / unitMs), unit);
    }
  }
  return 'just now';
}

/**
 * Renders an ISO 8601 time relative to now, with the absolute time as the
 * machine-readable value and tooltip.
 */
export function AssessedTime(props: { value: string }) {
  const date = new Date(props.value);
  if (Number.isNaN(date.getTime())) {
    return <span>an unknown time</span>;
  }

  return (
    <time dateTime={props.value} title={date.toLocaleString()}>
      {formatRelativeTime(date, new Date())}
    </time>
  );
}
