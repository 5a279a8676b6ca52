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
	/** A read of the current window that stopped at its page bound, to be continued. */
	pass?: ChangePass;
}

/**
 * An unfinished read of one window. While it lasts the mark holds (the window cannot move past
 * records not read yet, whatever order the API lists them in); when a read of it reaches the
 * end, the mark takes the newest time the whole pass saw.
 */
export interface ChangePass extends IDataObject {
	/** The window start the pass reads (a pass of another window is void). */
	since: number;
	/** Where the next read of the window starts (a page number, for the reader). */
	resumeAt: number;
	/** Newest change time the pass read so far. */
	mark: number | null;
	/**
	 * The pass began as the first read, which only remembers: changes up to this time (the
	 * newest it saw, so from before it) are remembered without being emitted when read later.
	 */
	silentUntil?: number;
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

/** The cursor's unfinished pass, if it reads the window the cursor is at now. */
export function currentPass(cursor: ChangeCursor, axis: ChangeAxis): ChangePass | undefined {
	const pass = cursor.pass;
	return pass && pass.since === windowStart(cursor, axis) ? pass : undefined;
}

const newest = (a: number | null, b: number | null) =>
	a === null ? b : b === null ? a : Math.max(a, b);

/**
 * Applies one read of the window (changes in any order): returns those not emitted yet, oldest
 * first, and the cursor after them. `emit: false` only remembers them (the first read).
 * `resumeAt`: the read stopped at its bound and the window goes on there (see ChangePass).
 */
export function applyChanges<T>(
	cursor: ChangeCursor,
	changes: Array<Change<T>>,
	axis: ChangeAxis,
	options: { emit?: boolean; resumeAt?: number } = {},
): { emitted: T[]; cursor: ChangeCursor } {
	// The start as it is now: a read that began before the window moved on must not bring back
	// keys that were dropped meanwhile.
	const start = windowStart(cursor, axis);
	const pass = currentPass(cursor, axis);
	const seen = { ...cursor.seen };
	const claimed = cursor.claimed ?? {};
	let mark = pass?.mark ?? null;
	const fresh: Array<Change<T>> = [];
	for (const change of changes) {
		const order = change.order ?? change.time;
		mark = newest(mark, order);
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
	const silent = options.emit === false;
	const silentUntil = silent ? (mark ?? undefined) : pass?.silentUntil;
	const next: ChangeCursor = { ...cursor, seen };
	delete next.pass;
	if (options.resumeAt === undefined) next.mark = newest(cursor.mark, mark);
	else {
		next.pass = { since: start, resumeAt: options.resumeAt, mark };
		if (silentUntil !== undefined) next.pass.silentUntil = silentUntil;
	}
	const emitted = silent
		? []
		: fresh.filter((change) => silentUntil === undefined || change.time > silentUntil);
	return { emitted: emitted.map((change) => change.value), cursor: prune(next, axis) };
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
	const merged: ChangeCursor = {
		mark: newest(a.mark, b.mark),
		origin: Math.max(a.origin, b.origin),
		seen: union(a.seen, b.seen),
		claimed: union(a.claimed, b.claimed),
	};
	// The pass of the window the merged cursor is at; of two, the one further on.
	const passes = [a.pass, b.pass].filter(
		(pass): pass is ChangePass => pass?.since === windowStart(merged, axis),
	);
	if (passes.length > 0) {
		const [first, second = first] = passes;
		merged.pass = {
			since: first.since,
			resumeAt: Math.max(first.resumeAt, second.resumeAt),
			mark: newest(first.mark, second.mark),
		};
		const silentUntil = newest(first.silentUntil ?? null, second.silentUntil ?? null);
		if (silentUntil !== null) merged.pass.silentUntil = silentUntil;
	}
	return prune(merged, axis);
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
