import { makeStyles } from '@material-ui/core/styles';
import { FleetTrendPoint } from '@aks-traffic-security/plugin-aks-traffic-security-common';

const WIDTH = 600;
const HEIGHT = 160;
const PADDING = { top: 12, right: 12, bottom: 24, left: 40 };

const useStyles = makeStyles(theme => ({
  // The drawing scales with the width; the maximum height stops the labels
  // from growing large when the card spans the whole page.
  svg: {
    width: '100%',
    height: 'auto',
    maxHeight: HEIGHT * 1.25,
    display: 'block',
  },
  axis: { stroke: theme.palette.divider, strokeWidth: 1 },
  line: {
    fill: 'none',
    stroke: theme.palette.error.main,
    strokeWidth: 2,
  },
  point: { fill: theme.palette.error.main },
  label: { fill: theme.palette.text.secondary, fontSize: 11 },
}));

/** Describes the trend in one sentence for screen readers. */
export function describeTrend(points: FleetTrendPoint[]): string {
  if (points.length === 1) {
    return `Failing checks on ${points[0].date}: ${points[0].failingChecks}.`;
  }

  const first = points[0];
  const last = points[points.length - 1];
  const peak = Math.max(...points.map(point => point.failingChecks));
  return `Failing checks from ${first.date} to ${last.date}: ${first.failingChecks} at the start, ${last.failingChecks} at the end, at most ${peak}.`;
}

/**
 * Renders failing checks per day as a line in an SVG, with the first and
 * last day on the x axis (the only day, centred, for a single point) and the
 * maximum on the y axis.
 */
export function TrendChart(props: { points: FleetTrendPoint[] }) {
  const { points } = props;
  const classes = useStyles();

  const max = Math.max(1, ...points.map(point => point.failingChecks));
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const x = (index: number) =>
    PADDING.left +
    (points.length === 1
      ? plotWidth / 2
      : (index / (points.length - 1)) * plotWidth);
  const y = (value: number) =>
    PADDING.top + plotHeight - (value / max) * plotHeight;
  const baseline = PADDING.top + plotHeight;

  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={describeTrend(points)}
    >
      <line
        className={classes.axis}
        x1={PADDING.left}
        x2={WIDTH - PADDING.right}
        y1={baseline}
        y2={baseline}
      />
      <line
        className={classes.axis}
        x1={PADDING.left}
        x2={PADDING.left}
        y1={PADDING.top}
        y2={baseline}
      />
      <text
        className={classes.label}
        x={PADDING.left - 6}
        y={PADDING.top + 4}
        textAnchor="end"
      >
        {max}
      </text>
      <text
        className={classes.label}
        x={PADDING.left - 6}
        y={baseline}
        textAnchor="end"
      >
        0
      </text>
      {points.length === 1 ? (
        <text
          className={classes.label}
          x={x(0)}
          y={HEIGHT - 6}
          textAnchor="middle"
        >
          {points[0].date}
        </text>
      ) : (
        <>
          <text className={classes.label} x={PADDING.left} y={HEIGHT - 6}>
            {points[0].date}
          </text>
          <text
            className={classes.label}
            x={WIDTH - PADDING.right}
            y={HEIGHT - 6}
            textAnchor="end"
          >
            {points[points.length - 1].date}
          </text>
        </>
      )}
      <polyline
        className={classes.line}
        points={points
          .map((point, index) => `${x(index)},${y(point.failingChecks)}`)
          .join(' ')}
      />
      {points.map((point, index) => (
        <circle
          key={point.date}
          className={classes.point}
          cx={x(index)}
          cy={y(point.failingChecks)}
          r={2.5}
        >
          <title>
            {point.date}: {point.failingChecks} failing checks in{' '}
            {point.failingEntities} of {point.entities} entities
          </title>
        </circle>
      ))}
    </svg>
  );
}
