import type { IDataObject } from 'n8n-workflow';

/**
 * A change feed read in windows: each read asks for the changes since the window start, and the
 * cursor remembers what was already emitted. Every time here is on the API's own axis (a
 * record's change time as Wise Agent wrote it, or a PropertyID), never on n8n's clock — only the
 * very first window starts from n8n's clock (`origin`), far enough back to absorb clock skew.
 *
 * Why this never emits twice: a key stays in `seen` while its time is at or above the next
 * window start, and window starts never move back (the mark only grows), so a key that was
 * dropped can only come back with a newer time: a new change.
 * Why this never misses: the next window starts `overlap` before the newest change seen, so a
 * change written up to `overlap` before the newest one but visible later is still read.
 */
export interface ChangeCursor extends IDataObject {
	/** Newest change time seen; null before the first. */
	mark: number | null;
	/** Start of the first window (also the lowest any window starts). */
	origin: number;
	/** key → the change time emitted for it. */
	seen: Record<string, number>;
	/** key → the time of the latest delivery that brought a change of it (plus the slack). */
	claimed?: Record<string, number>;
}

export interface ChangeAxis {
	/** How far before the mark each window starts. */
	overlap: number;
	/** Rounds a window start down to what the API can filter by (contacts: the minute). */
	floor?: (time: number) => number;
	/**
	 * Each key changes this way once (creations): a key seen at all was emitted, whatever time
	 * it was seen with (a delivery may know no better time than a placeholder).
	 */
	once?: boolean;
}

export interface Change<T> {
	/** What identifies the record (its id). */
	key: string;
	/** The change time that the record is emitted for (creation or last update). */
	time: number;
	/** The time that moves the window (the filter field), when it differs from `time`. */
	order?: number;
	value: T;
}

/** Keys kept at most, whatever the window: the oldest go first. */
export const MAX_SEEN_KEYS = 5000;

/** The origin of a feed that has no first window (read whole): finite, so it survives JSON. */
export const NO_ORIGIN = Number.MIN_SAFE_INTEGER;

export function newCursor(origin: number): ChangeCursor {
	return { mark: null, origin: Math.max(origin, NO_ORIGIN), seen: {} };
}

/** Where the next read starts: `overlap` before the newest change, never before the origin. */
export function windowStart(cursor: ChangeCursor, axis: ChangeAxis): number {
	const start =
		cursor.mark === null ? cursor.origin : Math.max(cursor.origin, cursor.mark - axis.overlap);
	return axis.floor ? axis.floor(start) : start;
}

/** True when a read emitted this change (or a later one) of the key. */
export function wasEmitted(
	cursor: ChangeCursor,
	key: string,
	time: number,
	axis: ChangeAxis,
): boolean {
	const emitted = cursor.seen[key];
	return emitted !== undefined && (axis.once === true || time <= emitted);
}

/**
 * Applies one read of the window (changes in any order): returns those not emitted yet, oldest
 * first, and the cursor after them. `emit: false` only remembers them (the first read).
 */
export function applyChanges<T>(
	cursor: ChangeCursor,
	changes: Array<Change<T>>,
	axis: ChangeAxis,
	options: { emit?: boolean } = {},
): { emitted: T[]; cursor: ChangeCursor } {
	// The start as it is now: a read that began before the window moved on must not bring back
	// keys that were dropped meanwhile.
	const start = windowStart(cursor, axis);
	const seen = { ...cursor.seen };
	const claimed = cursor.claimed ?? {};
	let mark = cursor.mark;
	const fresh: Array<Change<T>> = [];
	for (const change of changes) {
		const order = change.order ?? change.time;
		mark = mark === null ? order : Math.max(mark, order);
		if (change.time < start || change.time < cursor.origin) continue;
		const emitted = seen[change.key];
		if (emitted !== undefined && (axis.once || change.time <= emitted)) {
			// The record's own time replaces a delivery's placeholder, so the key ages normally.
			if (axis.once) seen[change.key] = Math.min(emitted, change.time);
			continue;
		}
		// A delivery brought it already (its time, widened by the slack, reaches this change).
		// Not marked as read-emitted: a second delivery of a change this close is its own.
		if (claimed[change.key] !== undefined && change.time <= claimed[change.key]) continue;
		seen[change.key] = change.time;
		fresh.push(change);
	}
	fresh.sort((a, b) => a.time - b.time);
	const next = prune({ ...cursor, mark, seen }, axis);
	return {
		emitted: options.emit === false ? [] : fresh.map((change) => change.value),
		cursor: next,
	};
}

/**
 * Records a change that came another way (a webhook delivery at `time`): true when a read
 * emitted it already. `slack` widens the match both ways, for times read from another field
 * than the records' own (a delivery's EventCreated against a contact's DateUpdatedUTC). Two
 * deliveries of one key are two changes unless their times are equal: only a read can tell
 * that a change was emitted.
 */
export function claimChange(
	cursor: ChangeCursor,
	key: string,
	time: number,
	axis: ChangeAxis,
	slack = 0,
): { duplicate: boolean; cursor: ChangeCursor } {
	if (axis.once) {
		if (cursor.seen[key] !== undefined) return { duplicate: true, cursor };
		return {
			duplicate: false,
			cursor: prune({ ...cursor, seen: { ...cursor.seen, [key]: time } }, axis),
		};
	}
	const claimed = cursor.claimed ?? {};
	if (wasEmitted(cursor, key, time - slack, axis) || claimed[key] === time + slack) {
		return { duplicate: true, cursor };
	}
	const widened = Math.max(claimed[key] ?? -Infinity, time + slack);
	return {
		duplicate: false,
		cursor: prune({ ...cursor, claimed: { ...claimed, [key]: widened } }, axis),
	};
}

/** Two views of one feed (process memory and saved static data) made one. */
export function mergeCursors(a: ChangeCursor, b: ChangeCursor, axis: ChangeAxis): ChangeCursor {
	const union = (x: Record<string, number> = {}, y: Record<string, number> = {}) => {
		const merged = { ...x };
		for (const [key, time] of Object.entries(y))
			merged[key] = Math.max(merged[key] ?? -Infinity, time);
		return merged;
	};
	const marks = [a.mark, b.mark].filter((mark): mark is number => mark !== null);
	return prune(
		{
			mark: marks.length ? Math.max(...marks) : null,
			origin: Math.max(a.origin, b.origin),
			seen: union(a.seen, b.seen),
			claimed: union(a.claimed, b.claimed),
		},
		axis,
	);
}

/**
 * Drops what no window can reach any more. Past MAX_SEEN_KEYS the oldest go, and the origin
 * moves above them, so a dropped key can never be read inside a window again.
 */
function prune(cursor: ChangeCursor, axis: ChangeAxis): ChangeCursor {
	const start = windowStart(cursor, axis);
	let origin = cursor.origin;
	const bounded = (entries: Record<string, number>) => {
		const kept = Object.entries(entries)
			.filter(([, time]) => time >= start && time >= cursor.origin)
			.sort((x, y) => y[1] - x[1]);
		if (kept.length > MAX_SEEN_KEYS) origin = Math.max(origin, kept[MAX_SEEN_KEYS][1] + 1);
		return kept.slice(0, MAX_SEEN_KEYS);
	};
	const seen = bounded(cursor.seen);
	const claimed = bounded(cursor.claimed ?? {});
	const keep = ([, time]: [string, number]) => time >= origin;
	const next: ChangeCursor = { ...cursor, origin, seen: Object.fromEntries(seen.filter(keep)) };
	if (claimed.length > 0) next.claimed = Object.fromEntries(claimed.filter(keep));
	else delete next.claimed;
	return next;
}
