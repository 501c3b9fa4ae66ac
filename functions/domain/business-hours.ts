/** Business hours in a market's time zone (R7): whether a person is at work now, and when they next will be. */
export interface BusinessHours {
  /** ISO weekdays the team works, 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
  /** "HH:MM" local opening and closing time. */
  readonly open: string;
  readonly close: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The local weekday and minute of day of an instant in a time zone. */
function local(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    weekday: WEEKDAY[parts.weekday as string] ?? 1,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Whether the hours have a working day at all; settings refuse hours without one (docs/api.md, R7). */
export const hasWorkingDay = (hours: BusinessHours) => hours.days.some((d) => d >= 1 && d <= 7);

export function isOpen(hours: BusinessHours, timeZone: string, now: Date): boolean {
  // Hours stored before settings refused them may have no working day: treated as always open, never as "opens now".
  if (!hasWorkingDay(hours)) return true;
  const { weekday, minute } = local(now, timeZone);
  return hours.days.includes(weekday) && minute >= minutesOf(hours.open) && minute < minutesOf(hours.close);
}

/** The next instant the team opens, at or after `now`; `now` itself when open. */
export function nextOpening(hours: BusinessHours, timeZone: string, now: Date): Date {
  if (isOpen(hours, timeZone, now)) return now;
  const open = minutesOf(hours.open);
  const { minute } = local(now, timeZone);
  // Local midnight of today, as an instant; then try today and the following seven days.
  const midnight = now.getTime() - (minute * 60_000 + (now.getTime() % 60_000));
  for (let day = 0; day <= 7; day++) {
    const candidate = new Date(midnight + day * 86_400_000 + open * 60_000);
    const { weekday } = local(candidate, timeZone);
    if (candidate > now && hours.days.includes(weekday)) return candidate;
  }
  // No working day configured: answer as if open, so escalations are never stalled forever.
  return now;
}

/** R7: when a person is due to answer, counting the first-response target from the next opening. */
export function responseDue(
  hours: BusinessHours,
  timeZone: string,
  firstResponseMinutes: number,
  now: Date,
): Date {
  return new Date(nextOpening(hours, timeZone, now).getTime() + firstResponseMinutes * 60_000);
}
