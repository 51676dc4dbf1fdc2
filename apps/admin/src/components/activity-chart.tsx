import type { DailyActivity } from "@molt/contracts";
import { compactNumber, plural } from "../format/plural";
import { shortDay } from "../format/readable-time";

const WIDTH = 640;
const HEIGHT = 160;
const PAD_TOP = 12;
const PAD_BOTTOM = 22;

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
              {/* Every other day, counted back from today, so today is always named. */}
              {((days.length - 1 - index) % 2 === 0 || days.length <= 8) && (
                <text x={slot * index + slot / 2} y={HEIGHT - 6} className="chart-label">
                  {shortDay(day.day)}
                </text>
              )}
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
