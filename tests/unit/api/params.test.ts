import { describe, expect, it } from 'vitest';
import { cursorSchema, formatCursor, parseCursor } from '../../../src/shared/api/cursor';
import { eventListQuerySchema } from '../../../src/shared/api/events';
import { commaList, isoTime, wholeNumber } from '../../../src/shared/api/params';
import { z } from 'zod';

describe('query parameter schemas', () => {
  it('whole numbers are plain digits within range', () => {
    const n = wholeNumber(1, 500);
    expect(n.parse('42')).toBe(42);
    for (const bad of ['', ' 4', '4 ', '-1', '+1', '1e2', '0x10', '1.5', '0', '501', '9'.repeat(30)]) {
      expect(n.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('ISO times need an offset, exist on the calendar, and come out in the stored form', () => {
    expect(isoTime.parse('2026-11-25')).toBe('2026-11-25T00:00:00.000Z');
    expect(isoTime.parse('2026-11-25T20:40:05Z')).toBe('2026-11-25T20:40:05.000Z');
    expect(isoTime.parse('2026-11-25T21:40:05.123+01:00')).toBe('2026-11-25T20:40:05.123Z');
    expect(isoTime.parse('2026-11-25T20:40Z')).toBe('2026-11-25T20:40:00.000Z');
    for (const bad of ['yesterday', '2026-11-25T20:40:05', '2026-02-30', '2026-13-01', '1969-12-31', '25/11/2026', '2026-11-25T25:00:00Z', '']) {
      expect(isoTime.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('comma lists validate each value and their number', () => {
    const list = commaList(z.enum(['a', 'b']), 2);
    expect(list.parse('a,b')).toEqual(['a', 'b']);
    expect(list.safeParse('a,,b').success).toBe(false);
    expect(list.safeParse('a,b,a').success).toBe(false);
  });

  it('cursors are an event id, optionally with its epoch', () => {
    const id = '0000001234567890123-0000000001';
    expect(parseCursor(id)).toEqual({ epoch: null, eventId: id });
    expect(parseCursor(`3:${id}`)).toEqual({ epoch: 3, eventId: id });
    expect(formatCursor(0, id)).toBe(id);
    expect(formatCursor(3, id)).toBe(`3:${id}`);
    for (const bad of ['', id.slice(1), `x:${id}`, `${id}:3`, `-1:${id}`, 'local:', 'local:a b']) expect(cursorSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('events NotifyChain raises itself (local:…) are valid cursors too', () => {
    expect(parseCursor('local:local-5f3a:due')).toEqual({ epoch: null, eventId: 'local:local-5f3a:due' });
    expect(parseCursor('2:local:ab12:expired')).toEqual({ epoch: 2, eventId: 'local:ab12:expired' });
  });

  it('the list query has its defaults and refuses unknown parameters', () => {
    expect(eventListQuerySchema.parse({})).toEqual({ limit: 100, offset: 0, order: 'desc' });
    expect(eventListQuerySchema.safeParse({ foo: '1' }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
