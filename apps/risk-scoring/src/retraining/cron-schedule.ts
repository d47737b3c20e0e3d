// A five-field cron expression (minute hour day-of-month month day-of-week, in UTC) with lists, ranges
// and steps, as in crontab(5). Written here because @nestjs/schedule is not among the dependencies;
// this is all the weekly retraining job needs. Day-of-month and day-of-week combine as in Vixie cron:
// when both are restricted, either may match.

interface CronField {
  values: Set<number>;
  restricted: boolean;
}

const FIELDS: readonly { name: string; min: number; max: number }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
];

// A year and a day of minutes: every expression that can match does so within it, except Feb 29.
const SEARCH_LIMIT_MINUTES = 367 * 24 * 60;

export class CronSchedule {
  private constructor(
    readonly expression: string,
    private readonly fields: CronField[],
  ) {}

  static parse(expression: string): CronSchedule {
    const parts = expression.trim().split(/\s+/);
    if (parts.length !== 5) throw new Error(`cron "${expression}": expected 5 fields, found ${parts.length}`);
    const fields = parts.map((part, i) => parseField(part, FIELDS[i]));
    // Sunday is 0 or 7.
    if (fields[4].values.has(7)) fields[4].values.add(0);
    const [, , dom, month, dow] = fields;
    if (
      dom.restricted &&
      !dow.restricted &&
      [...month.values].every((m) => m === 2) &&
      [...dom.values].every((d) => d > 29)
    )
      throw new Error(`cron "${expression}": that day never occurs in February`);
    return new CronSchedule(expression, fields);
  }

  /** The first matching minute strictly after `after`. */
  nextRunAfter(after: Date): Date {
    const t = new Date(after.getTime());
    t.setUTCSeconds(0, 0);
    for (let i = 0; i < SEARCH_LIMIT_MINUTES; i++) {
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      if (this.matches(t)) return new Date(t.getTime());
    }
    throw new Error(`cron "${this.expression}" matches no time in the next year`);
  }

  matches(t: Date): boolean {
    const [minute, hour, dom, month, dow] = this.fields;
    if (!minute.values.has(t.getUTCMinutes()) || !hour.values.has(t.getUTCHours())) return false;
    if (!month.values.has(t.getUTCMonth() + 1)) return false;
    const domOk = dom.values.has(t.getUTCDate());
    const dowOk = dow.values.has(t.getUTCDay());
    if (dom.restricted && dow.restricted) return domOk || dowOk;
    return domOk && dowOk;
  }
}

function parseField(part: string, spec: { name: string; min: number; max: number }): CronField {
  const values = new Set<number>();
  const fail = (why: string): never => {
    throw new Error(`cron ${spec.name} "${part}": ${why}`);
  };
  for (const item of part.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) fail('more than one step');
    const step = stepText === undefined ? 1 : integer(stepText, fail);
    if (step < 1) fail('step must be at least 1');
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined) fail('bad range');
      from = integer(a, fail);
      to = integer(b, fail);
    } else {
      from = integer(range, fail);
      to = stepText === undefined ? from : spec.max;
    }
    if (from < spec.min || to > spec.max || from > to) fail(`values must be within ${spec.min}-${spec.max}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, restricted: part !== '*' };
}

function integer(text: string, fail: (why: string) => never): number {
  if (!/^\d+$/.test(text)) fail(`"${text}" is not a number`);
  return Number(text);
}
