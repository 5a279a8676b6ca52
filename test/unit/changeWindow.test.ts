import fc from 'fast-check';

import type { Change, ChangeAxis, ChangeCursor } from '../../nodes/WiseAgent/helpers/changeWindow';
import {
	MAX_SEEN_KEYS,
	applyChanges,
	claimChange,
	currentPass,
	mergeCursors,
	newCursor,
	wasEmitted,
	windowStart,
} from '../../nodes/WiseAgent/helpers/changeWindow';

/**
 * The change-window cursor shared by the Poll Trigger and the webhook catch-up. Times here are
 * plain numbers (ms), as the sources hand them over.
 */

const MIN = 60_000;
const T0 = Date.parse('2024-11-21T17:00:00Z');
const updates: ChangeAxis = { overlap: 2 * MIN };
const creations: ChangeAxis = { overlap: 2 * MIN, once: true };
const minutes: ChangeAxis = {
	overlap: 2 * MIN,
	floor: (time) => Math.floor(time / MIN) * MIN - MIN,
};

const change = (key: string, time: number, order?: number): Change<string> => ({
	key,
	time,
	order,
	value: `${key}@${time}`,
});

/** Applies one read and returns the values emitted and the next cursor. */
function read(cursor: ChangeCursor, axis: ChangeAxis, ...changes: Array<Change<string>>) {
	return applyChanges(cursor, changes, axis);
}

describe('windowStart', () => {
	it('starts at the origin before any change, then overlap before the newest change', () => {
		const cursor = newCursor(T0);
		expect(windowStart(cursor, updates)).toBe(T0);
		const next = read(cursor, updates, change('a', T0 + 10 * MIN)).cursor;
		expect(next.mark).toBe(T0 + 10 * MIN);
		expect(windowStart(next, updates)).toBe(T0 + 8 * MIN);
	});

	it('never starts before the origin, even when the newest change is older', () => {
		const cursor = read(newCursor(T0), updates, change('a', T0 + MIN)).cursor;
		expect(windowStart(cursor, updates)).toBe(T0);
	});

	it('rounds down with the axis floor (whole minutes, one more minute)', () => {
		const cursor = read(newCursor(T0), minutes, change('a', T0 + 10 * MIN + 30_000)).cursor;
		// 17:10:30 - 2 min = 17:08:30 -> 17:08 -> 17:07
		expect(windowStart(cursor, minutes)).toBe(T0 + 7 * MIN);
	});

	it('moves the mark by `order` (the filter field) when the change time differs', () => {
		const cursor = read(newCursor(T0), creations, change('a', T0 - 60 * MIN, T0 + 5 * MIN)).cursor;
		expect(cursor.mark).toBe(T0 + 5 * MIN);
	});

	it('never moves back, whatever is read, claimed or merged (property)', () => {
		const event = fc.oneof(
			fc.record({
				kind: fc.constant('read' as const),
				changes: fc.array(
					fc.record({
						key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
						time: fc.integer({ min: -30, max: 60 }),
					}),
					{ maxLength: 6 },
				),
			}),
			fc.record({
				kind: fc.constant('claim' as const),
				key: fc.constantFrom('a', 'b', 'x'),
				time: fc.integer({ min: -30, max: 60 }),
			}),
			fc.record({
				kind: fc.constant('merge' as const),
				mark: fc.option(fc.integer({ min: -30, max: 60 }), { nil: null }),
			}),
		);
		fc.assert(
			fc.property(fc.boolean(), fc.array(event, { maxLength: 25 }), (once, events) => {
				const axis: ChangeAxis = { overlap: 5 * MIN, once, floor: minutes.floor };
				let cursor = newCursor(T0);
				let start = windowStart(cursor, axis);
				for (const step of events) {
					if (step.kind === 'read') {
						cursor = applyChanges(
							cursor,
							step.changes.map((c) => change(c.key, T0 + c.time * MIN)),
							axis,
						).cursor;
					} else if (step.kind === 'claim') {
						cursor = claimChange(cursor, step.key, T0 + step.time * MIN, axis, 2_000).cursor;
					} else {
						const other: ChangeCursor = {
							mark: step.mark === null ? null : T0 + step.mark * MIN,
							origin: T0 - 10 * MIN,
							seen: {},
						};
						cursor = mergeCursors(cursor, other, axis);
					}
					const next = windowStart(cursor, axis);
					expect(next).toBeGreaterThanOrEqual(start);
					start = next;
				}
			}),
			{ numRuns: 300 },
		);
	});
});

describe('what is emitted', () => {
	it('emits each change once, oldest first, whatever order a read lists them in', () => {
		const first = read(newCursor(T0), updates, change('b', T0 + 3 * MIN), change('a', T0 + MIN));
		expect(first.emitted).toEqual([`a@${T0 + MIN}`, `b@${T0 + 3 * MIN}`]);
		const again = read(first.cursor, updates, change('a', T0 + MIN), change('b', T0 + 3 * MIN));
		expect(again.emitted).toEqual([]);
	});

	it('emits a key again for a newer change (update axis), not for the same or an older one', () => {
		let cursor = read(newCursor(T0), updates, change('a', T0 + MIN)).cursor;
		const newer = read(cursor, updates, change('a', T0 + 2 * MIN), change('a', T0 + MIN));
		expect(newer.emitted).toEqual([`a@${T0 + 2 * MIN}`]);
		cursor = newer.cursor;
		expect(read(cursor, updates, change('a', T0 + 2 * MIN)).emitted).toEqual([]);
		expect(read(cursor, updates, change('a', T0 + 90_000)).emitted).toEqual([]);
	});

	it('skips changes older than the window start', () => {
		const cursor = read(newCursor(T0), updates, change('a', T0 + 10 * MIN)).cursor;
		// start = T0 + 8 min
		const outcome = read(
			cursor,
			updates,
			change('old', T0 + 8 * MIN - 1),
			change('edge', T0 + 8 * MIN),
		);
		expect(outcome.emitted).toEqual([`edge@${T0 + 8 * MIN}`]);
	});

	it('`emit: false` (a first read) emits nothing but remembers what it read', () => {
		const learned = applyChanges(newCursor(T0), [change('a', T0 + MIN)], updates, { emit: false });
		expect(learned.emitted).toEqual([]);
		expect(learned.cursor.mark).toBe(T0 + MIN);
		expect(read(learned.cursor, updates, change('a', T0 + MIN)).emitted).toEqual([]);
		expect(read(learned.cursor, updates, change('b', T0 + MIN)).emitted).toEqual([`b@${T0 + MIN}`]);
	});

	it('does not let a read that began before the window moved on bring back dropped keys', () => {
		// `a` was emitted at +1 min and dropped once the window moved past it.
		let cursor = read(newCursor(T0), updates, change('a', T0 + MIN)).cursor;
		cursor = read(cursor, updates, change('b', T0 + 10 * MIN)).cursor;
		expect(cursor.seen).not.toHaveProperty('a');
		// A slow read that started earlier still lists `a` unchanged: not emitted again.
		expect(read(cursor, updates, change('a', T0 + MIN)).emitted).toEqual([]);
	});

	it('never emits the same change twice, whatever is read again (property)', () => {
		// Reads list any versions of any keys, in any order, again and again (as overlapping
		// windows and late pages do). On a once axis a key has one time (its creation).
		const keys = ['a', 'b', 'c', 'd'] as const;
		fc.assert(
			fc.property(
				fc.boolean(),
				fc.array(fc.integer({ min: 0, max: 40 }), {
					minLength: keys.length,
					maxLength: keys.length,
				}),
				fc.array(
					fc.array(
						fc.record({
							key: fc.integer({ min: 0, max: 3 }),
							time: fc.integer({ min: 0, max: 40 }),
						}),
						{ maxLength: 8 },
					),
					{ maxLength: 20 },
				),
				(once, createdAt, reads) => {
					const axis: ChangeAxis = { overlap: 5 * MIN, once };
					let cursor = newCursor(T0);
					const emitted = new Set<string>();
					for (const listing of reads) {
						const outcome = applyChanges(
							cursor,
							listing.map((c) =>
								change(keys[c.key], T0 + (once ? createdAt[c.key] : c.time) * MIN),
							),
							axis,
						);
						for (const value of outcome.emitted) {
							const id = once ? value.split('@')[0] : value;
							expect(emitted.has(id)).toBe(false);
							emitted.add(id);
						}
						cursor = outcome.cursor;
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('seen keys', () => {
	it('keeps a key exactly while it can reappear: until its time falls below the window start', () => {
		let cursor = read(
			newCursor(T0),
			updates,
			change('a', T0 + MIN),
			change('b', T0 + 2 * MIN),
		).cursor;
		expect(Object.keys(cursor.seen).sort()).toEqual(['a', 'b']);
		// Newest change at +4 min: start = +2 min, so `a` (+1) can no longer be read, `b` (+2) can.
		cursor = read(cursor, updates, change('c', T0 + 4 * MIN)).cursor;
		expect(windowStart(cursor, updates)).toBe(T0 + 2 * MIN);
		expect(cursor.seen).toEqual({ b: T0 + 2 * MIN, c: T0 + 4 * MIN });
		// And `b` is still recognised when the overlapping window lists it again.
		expect(read(cursor, updates, change('b', T0 + 2 * MIN)).emitted).toEqual([]);
		// Once the start passes +2 min it goes too; it could only come back with a newer time.
		cursor = read(cursor, updates, change('d', T0 + 4 * MIN + 1)).cursor;
		expect(cursor.seen).not.toHaveProperty('b');
	});

	it(`keeps every key that can still reappear, even more than ${MAX_SEEN_KEYS} of them`, () => {
		// A bulk import: MAX_SEEN_KEYS + 100 contacts changed in the same second. The next window
		// (overlap before that second) lists all of them again: none may be emitted twice.
		const bulk = Array.from({ length: MAX_SEEN_KEYS + 100 }, (_, i) => change(`k${i}`, T0 + MIN));
		const first = applyChanges(newCursor(T0), bulk, updates);
		expect(first.emitted).toHaveLength(bulk.length);
		const again = applyChanges(first.cursor, bulk, updates);
		expect(again.emitted).toHaveLength(0);
	});
});

describe('once axes (creations)', () => {
	it('emits a key once, whatever time it comes back with', () => {
		const cursor = read(newCursor(T0), creations, change('a', T0 + MIN)).cursor;
		expect(read(cursor, creations, change('a', T0 + 2 * MIN)).emitted).toEqual([]);
		expect(read(cursor, creations, change('a', T0 + MIN - 1)).emitted).toEqual([]);
	});

	it('a delivery placeholder time is replaced by the record’s own, so the key ages normally', () => {
		const PLACEHOLDER = Number.MAX_SAFE_INTEGER;
		let cursor = read(newCursor(T0), creations, change('z', T0)).cursor;
		cursor = claimChange(cursor, 'a', PLACEHOLDER, creations).cursor;
		expect(cursor.seen.a).toBe(PLACEHOLDER);
		const outcome = read(cursor, creations, change('a', T0 + MIN));
		expect(outcome.emitted).toEqual([]);
		expect(outcome.cursor.seen.a).toBe(T0 + MIN);
		// Later the window moves on and `a` is dropped like any other key.
		const later = read(outcome.cursor, creations, change('y', T0 + 10 * MIN)).cursor;
		expect(later.seen).not.toHaveProperty('a');
	});

	it('wasEmitted: any time for a once axis, only up to the emitted time otherwise', () => {
		const cursor: ChangeCursor = { mark: T0, origin: T0 - MIN, seen: { a: T0 } };
		expect(wasEmitted(cursor, 'a', T0 + 1, creations)).toBe(true);
		expect(wasEmitted(cursor, 'a', T0 + 1, updates)).toBe(false);
		expect(wasEmitted(cursor, 'a', T0, updates)).toBe(true);
		expect(wasEmitted(cursor, 'b', T0, creations)).toBe(false);
	});
});

describe('claimChange (a change that came by delivery)', () => {
	const SLACK = 2_000;

	it('is a duplicate when a read emitted the change up to `slack` earlier or later', () => {
		const cursor = read(newCursor(T0), updates, change('a', T0 + MIN)).cursor;
		expect(claimChange(cursor, 'a', T0 + MIN + SLACK, updates, SLACK).duplicate).toBe(true);
		expect(claimChange(cursor, 'a', T0 + MIN - SLACK, updates, SLACK).duplicate).toBe(true);
		expect(claimChange(cursor, 'a', T0 + MIN + SLACK + 1, updates, SLACK).duplicate).toBe(false);
	});

	it('hides the change from later reads up to `slack` after its time, not beyond', () => {
		const claimed = claimChange(newCursor(T0), 'a', T0 + MIN, updates, SLACK);
		expect(claimed.duplicate).toBe(false);
		const cursor = claimed.cursor;
		expect(read(cursor, updates, change('a', T0 + MIN + SLACK)).emitted).toEqual([]);
		expect(read(cursor, updates, change('a', T0 + MIN + SLACK + 1)).emitted).toEqual([
			`a@${T0 + MIN + SLACK + 1}`,
		]);
	});

	it('without slack matches the exact time only', () => {
		const cursor = claimChange(newCursor(T0), 'a', T0 + MIN, updates).cursor;
		expect(claimChange(cursor, 'a', T0 + MIN, updates).duplicate).toBe(true);
		expect(claimChange(cursor, 'a', T0 + MIN + 1, updates).duplicate).toBe(false);
	});

	it('does not move the mark (a delivery time is not the API’s listing time)', () => {
		const cursor = claimChange(newCursor(T0), 'a', T0 + 30 * MIN, updates, SLACK).cursor;
		expect(cursor.mark).toBeNull();
		expect(windowStart(cursor, updates)).toBe(T0);
	});

	it('a claim for a creation (once axis) is a duplicate whatever time it carries', () => {
		const cursor = claimChange(newCursor(T0), 'a', T0 + MIN, creations, SLACK).cursor;
		expect(claimChange(cursor, 'a', T0 + 10 * MIN, creations, SLACK).duplicate).toBe(true);
	});
});

describe('mergeCursors (memory and saved copy)', () => {
	it('keeps every key with its newest time, the newest mark and the latest origin', () => {
		const a: ChangeCursor = {
			mark: T0 + 5 * MIN,
			origin: T0,
			seen: { x: T0 + 4 * MIN, y: T0 + 5 * MIN },
		};
		const b: ChangeCursor = {
			mark: T0 + 3 * MIN,
			origin: T0 + MIN,
			seen: { x: T0 + 5 * MIN, z: T0 + 3 * MIN },
		};
		const merged = mergeCursors(a, b, updates);
		expect(merged.mark).toBe(T0 + 5 * MIN);
		expect(merged.origin).toBe(T0 + MIN);
		expect(merged.seen).toEqual({ x: T0 + 5 * MIN, y: T0 + 5 * MIN, z: T0 + 3 * MIN });
		// Symmetric.
		expect(mergeCursors(b, a, updates)).toEqual(merged);
	});

	it('drops what can no longer be read from the merged window', () => {
		const a: ChangeCursor = { mark: T0 + 10 * MIN, origin: T0, seen: { new: T0 + 10 * MIN } };
		const b: ChangeCursor = { mark: T0 + MIN, origin: T0, seen: { old: T0 + MIN } };
		expect(mergeCursors(a, b, updates).seen).toEqual({ new: T0 + 10 * MIN });
	});

	it('a null mark on either side takes the other; both null stays null', () => {
		const empty = newCursor(T0);
		const a: ChangeCursor = { mark: T0 + MIN, origin: T0, seen: {} };
		expect(mergeCursors(empty, a, updates).mark).toBe(T0 + MIN);
		expect(mergeCursors(a, empty, updates).mark).toBe(T0 + MIN);
		expect(mergeCursors(empty, newCursor(T0), updates).mark).toBeNull();
	});

	it('what either side emitted stays emitted after the merge', () => {
		const memory = read(newCursor(T0), updates, change('a', T0 + MIN)).cursor;
		const saved = read(newCursor(T0), updates, change('b', T0 + MIN)).cursor;
		const merged = mergeCursors(memory, saved, updates);
		expect(read(merged, updates, change('a', T0 + MIN), change('b', T0 + MIN)).emitted).toEqual([]);
	});
});

describe('passes (a window read in several reads)', () => {
	const start = () => applyChanges(newCursor(T0), [change('a', T0 + MIN)], updates).cursor;

	it('holds the mark while a pass is unfinished, then takes the newest the whole pass read', () => {
		const cursor = start();
		const since = windowStart(cursor, updates);
		// The first read holds only the newest changes (the list is in id order, say).
		const partial = applyChanges(cursor, [change('z', T0 + 10 * MIN)], updates, { resumeAt: 10 });
		expect(partial.emitted).toEqual([`z@${T0 + 10 * MIN}`]);
		expect(partial.cursor.mark).toBe(cursor.mark);
		expect(windowStart(partial.cursor, updates)).toBe(since);
		expect(currentPass(partial.cursor, updates)).toMatchObject({ since, resumeAt: 10 });
		// The last read of the pass brings an older change: still inside the window, emitted.
		const done = applyChanges(partial.cursor, [change('b', T0 + 2 * MIN)], updates);
		expect(done.emitted).toEqual([`b@${T0 + 2 * MIN}`]);
		expect(done.cursor.mark).toBe(T0 + 10 * MIN);
		expect(done.cursor.pass).toBeUndefined();
	});

	it('a silent first read that stops early: later reads emit only what is newer than it saw', () => {
		const first = applyChanges(newCursor(T0), [change('old1', T0 + MIN)], updates, {
			emit: false,
			resumeAt: 10,
		});
		const rest = applyChanges(
			first.cursor,
			[change('old2', T0 + MIN / 2), change('new', T0 + 2 * MIN)],
			updates,
		);
		expect(rest.emitted).toEqual([`new@${T0 + 2 * MIN}`]);
		expect(rest.cursor.seen).toHaveProperty('old2');
	});

	it('merging keeps the pass further on, and drops a pass of a window the merged cursor left', () => {
		const cursor = start();
		const a = applyChanges(cursor, [change('x', T0 + 3 * MIN)], updates, { resumeAt: 10 }).cursor;
		const b = applyChanges(a, [change('y', T0 + 4 * MIN)], updates, { resumeAt: 19 }).cursor;
		expect(currentPass(mergeCursors(a, b, updates), updates)?.resumeAt).toBe(19);
		const moved = applyChanges(b, [], updates).cursor; // b's pass ended: its mark moved on
		expect(mergeCursors(a, moved, updates).pass).toBeUndefined();
	});
});
