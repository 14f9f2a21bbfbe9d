// Query-string building blocks: every query value arrives as text, so each schema here takes a
// string and says in its message what it expects (the API prefixes the parameter's name).
import { z } from 'zod';

/** A whole number written in decimal digits only (no sign, spaces, exponent or hex). */
export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** One value, or several separated by commas: `a,b,c`. */
export const commaList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(item).min(1).max(max, `takes at most ${max} comma-separated values`));

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * An ISO 8601 date (`2026-11-25`, midnight UTC) or date-time with an offset
 * (`2026-11-25T20:40:05Z`, `…+01:00`), normalised to the stored form (`toISOString()`).
 */
export const isoTime = z
  .string()
  .max(40)
  .regex(ISO_TIME, 'must be an ISO 8601 date or date-time with an offset, e.g. 2026-11-25T20:40:05Z')
  .transform((value, ctx) => {
    const [, year, month, day] = ISO_TIME.exec(value) ?? [];
    const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    const date = new Date(time);
    // Date.parse rolls 2026-02-30 over to March; a calendar date that does not exist is an error.
    const sameDay = value.length !== 10 || date.getUTCDate() === Number(day);
    if (Number.isNaN(time) || Number(year) < 1970 || Number(month) > 12 || !sameDay) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid date or time' });
      return z.NEVER;
    }
    return date.toISOString();
  });
