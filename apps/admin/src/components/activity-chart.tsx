import type { DailyActivity } from "@molt/contracts";
import { compactNumber, plural } from "../format/plural";
import { shortDay } from "../format/readable-time";

const WIDTH = 640;
const HEIGHT = 160;
const PAD_TOP = 12;
const PAD_BOTTOM = 30;

/**
 * The day's name under its bar: every other day, counted back from today so today is always
 * named; at phone width (the chart shrinks, its labels do not) only every fourth ("minor" ones
 * are hidden by the stylesheet). Today's label ends at the right edge instead of running over it.
 */
function DayLabel({
  day,
  daysBack,
  count,
  center,
}: {
  day: string;
  daysBack: number;
  count: number;
  center: number;
}) {
  if (daysBack % 2 !== 0 && count > 8) return null;
  const minor = daysBack % 4 !== 0 && count > 4;
  const today = daysBack === 0;
  return (
    <text
      x={today ? WIDTH : center}
      y={HEIGHT - 6}
      textAnchor={today ? "end" : "middle"}
      className={`chart-label${minor ? " chart-label-minor" : ""}`}
    >
      {shortDay(day)}
    </text>
  );
}

/**
 * Messages (bars) and tokens (line) per day, drawn as one small SVG that scales with its box.
 * Each series has its own scale: the point is the shape over the days, the exact numbers are in
 * each day's tooltip and in the tiles above.
 */
export function ActivityChart({ days }: { days: DailyActivity[] }) {
  const maxMessages = Math.max(1, ...days.map((day) => day.messages));
  const maxTokens = Math.max(1, ...days.map((day) => day.tokens));
  const slot = WIDTH / Math.max(1, days.length);
  const plotHeight = HEIGHT - PAD_TOP - PAD_BOTTOM;
  const y = (value: number, max: number) => PAD_TOP + plotHeight * (1 - value / max);
  const tokenPoints = days
    .map((day, index) => `${slot * index + slot / 2},${y(day.tokens, maxTokens)}`)
    .join(" ");
  return (
    <figure className="activity-chart" data-testid="activity-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Messages and tokens over the last ${days.length} days`}
      >
        <line
          x1={0}
          x2={WIDTH}
          y1={HEIGHT - PAD_BOTTOM}
          y2={HEIGHT - PAD_BOTTOM}
          className="chart-axis"
        />
        {days.map((day, index) => {
          const top = y(day.messages, maxMessages);
          return (
            <g key={day.day} data-testid="chart-day">
              <title>{`${day.day}: ${plural(day.messages, "message")}, ${plural(day.tokens, "token")}`}</title>
              <rect
                className="chart-bar"
                x={slot * index + slot * 0.2}
                width={slot * 0.6}
                y={top}
                height={HEIGHT - PAD_BOTTOM - top}
                rx={3}
              />
              <DayLabel
                day={day.day}
                daysBack={days.length - 1 - index}
                count={days.length}
                center={slot * index + slot / 2}
              />
            </g>
          );
        })}
        <polyline className="chart-line" points={tokenPoints} />
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-bar">messages (max {compactNumber(maxMessages)})</span>
        <span className="legend-line">tokens (max {compactNumber(maxTokens)})</span>
      </figcaption>
    </figure>
  );
}
