// The kinds of option a fault takes (`holders=2`, `pause=3s`, `service=kafka`): how each parses from
// the command line, with the problem a bad value gives, and how it is given back.
import { integer } from '../whole-number.js';
import type { FaultOption } from './definition.js';

/** The longest duration a fault option takes: an hour. */
const MAX_DURATION_MS = 3_600_000;

/** A whole number from 1 to `max`. */
export function count(key: string, defaultValue: number, max: number): FaultOption<number> {
  return {
    key,
    default: defaultValue,
    parse: (text, label, problems) => integer(Number(text), label, 1, max, problems),
    format: String,
  };
}

/** A duration in ms: `500ms`, `2s`, `1.5s` or a bare number of ms, from `min` ms to an hour. */
export function duration(key: string, defaultValue: number, min: number): FaultOption<number> {
  return {
    key,
    default: defaultValue,
    parse(text, label, problems) {
      const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
      const value = match === null ? Number.NaN : Number(match[1]) * (match[2] === 's' ? 1000 : 1);
      if (!(value >= min && value <= MAX_DURATION_MS)) {
        problems.push(`${label} must be a duration such as 500ms or 2s, at least ${min} ms and at most an hour (got ${text})`);
        return min;
      }
      return Math.round(value);
    },
    format: (value) => (value % 1000 === 0 ? `${value / 1000}s` : `${value}ms`),
  };
}

/** An option with one allowed value; any other is refused with `refusal(given)`. */
export function only<V extends string>(key: string, value: V, refusal: (given: string) => string): FaultOption<V> {
  return {
    key,
    default: value,
    parse(text, _label, problems) {
      if (text !== value) problems.push(refusal(text));
      return value;
    },
    format: String,
  };
}
