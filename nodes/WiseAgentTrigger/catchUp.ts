import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { parseApiDateTime } from '../WiseAgent/helpers/apiDates';
import type { ChangeCursor } from '../WiseAgent/helpers/changeWindow';
import {
	MAX_SEEN_KEYS,
	applyChanges,
	claimChange,
	currentPass,
	mergeCursors,
	newCursor,
	windowStart,
} from '../WiseAgent/helpers/changeWindow';
import type { ChangeSource, EventFamily } from '../WiseAgent/transport';
import { CATCH_UP_SOURCES, CHANGE_SOURCES, changeItem } from '../WiseAgent/transport';
import type { TriggerStaticData } from './registration';

/**
 * Catch-up: Wise Agent does not retry a delivery that n8n failed to take, so each delivery (and
 * each activation) also reads what changed since the feed's high-water mark and emits what no
 * delivery brought. Deliveries and catch-up share one record of what was emitted per event
 * family, so nothing goes out twice.
 *
 * n8n runs concurrent deliveries of one workflow in parallel, each with its own copy of the
 * static data, and the last one saved wins. So while the process lives, the record kept in its
 * memory is the authority (every decision to emit is made synchronously against it) and static
 * data is its saved copy, merged back in on each delivery (after a restart, or from another
 * webhook process in queue mode).
 */

/** Pages one read of a catch-up asks for at most (contacts: 1,000 records). */
export const CATCH_UP_MAX_PAGES = 10;
/**
 * Reads one delivery runs at most: while more deliveries ask for a catch-up meanwhile, or while
 * the window holds more than one read brings (the next read goes on where the last stopped; what
 * is left waits for the next delivery).
 */
export const CATCH_UP_MAX_ROUNDS = 5;
/** A delivery's EventCreated and the record's change time come from two fields: this much apart still match. */
const DELIVERY_TIME_SLACK_MS = 2_000;
/** Time kept for a delivered change whose time is unknown, until a read brings the record's own. */
const UNKNOWN_TIME = Number.MAX_SAFE_INTEGER;

export interface FeedStaticData {
	/** Per n8n webhook URL, per event family: what was emitted. */
	feeds?: Record<string, Partial<Record<EventFamily, ChangeCursor>>>;
}

type Data = TriggerStaticData & FeedStaticData;

interface FeedRuntime {
	cursor: ChangeCursor | undefined;
	running: boolean;
	pending: boolean;
}

const runtimes = new Map<string, FeedRuntime>();

type Context = IWebhookFunctions | IHookFunctions;

function runtimeKey(context: Context, token: string, family: EventFamily): string {
	return `${context.getWorkflow().id ?? ''}|${context.getNode().id}|${token}|${family}`;
}

/** The selected families that can be caught up: sub-type-only selections cannot (the list does not say what changed). */
export function catchUpFamilies(selected: string[]): EventFamily[] {
	return (Object.keys(CATCH_UP_SOURCES) as EventFamily[]).filter((family) =>
		selected.includes(family),
	);
}

function sourceOf(family: EventFamily): ChangeSource {
	return CHANGE_SOURCES[CATCH_UP_SOURCES[family]!];
}

/** The feed of one family: memory and saved copy merged. */
function feed(context: Context, data: Data, url: string, token: string, family: EventFamily) {
	const key = runtimeKey(context, token, family);
	let runtime = runtimes.get(key);
	if (!runtime) {
		runtime = { cursor: undefined, running: false, pending: false };
		runtimes.set(key, runtime);
	}
	const saved = data.feeds?.[url]?.[family];
	if (saved) {
		const axis = sourceOf(family).axis;
		runtime.cursor = runtime.cursor ? mergeCursors(runtime.cursor, saved, axis) : saved;
	}
	return runtime;
}

function save(data: Data, url: string, family: EventFamily, cursor: ChangeCursor | undefined) {
	if (!cursor) return;
	const feeds = { ...(data.feeds ?? {}) };
	feeds[url] = { ...(feeds[url] ?? {}), [family]: cursor };
	data.feeds = feeds;
}

/**
 * Learns where each feed stands, at activation, so the first catch-up emits only what changed
 * after it. A feed kept from an earlier activation stays: changes made while the workflow was
 * inactive are caught up too (bounded). A failure leaves the feed to be learned on the first
 * delivery (it then emits nothing from before that delivery).
 */
export async function primeFeeds(
	this: IHookFunctions,
	data: Data,
	url: string,
	token: string,
	families: EventFamily[],
): Promise<void> {
	for (const family of families) {
		const runtime = feed(this, data, url, token, family);
		if (runtime.cursor) continue;
		try {
			runtime.cursor = await learn(this, sourceOf(family));
		} catch {
			continue;
		}
		save(data, url, family, runtime.cursor);
	}
}

/**
 * The first reads: remember what is in the first window without emitting it, as many reads as
 * one catch-up. A window holding more is read on by the next catch-ups, which emit only the
 * changes newer than the newest these reads saw.
 */
async function learn(context: Context, source: ChangeSource): Promise<ChangeCursor> {
	let cursor = newCursor(Date.now() - source.firstWindow);
	for (let round = 0; round < CATCH_UP_MAX_ROUNDS; round++) {
		const read = await source.read(
			context,
			windowStart(cursor, source.axis),
			CATCH_UP_MAX_PAGES,
			round === 0,
			currentPass(cursor, source.axis)?.resumeAt,
		);
		cursor = applyChanges(cursor, read.changes, source.axis, {
			emit: false,
			resumeAt: read.resumeAt,
		}).cursor;
		if (!currentPass(cursor, source.axis)) break;
	}
	return cursor;
}

/**
 * Marks the delivered ids as emitted; returns those that were not already (a catch-up may have
 * emitted a change before its own delivery arrived).
 */
export function claimDelivered(
	context: IWebhookFunctions,
	data: Data,
	slot: { url: string; token: string },
	family: EventFamily,
	ids: Array<string | number>,
	eventCreated: string | number | null,
): Array<string | number> {
	if (!CATCH_UP_SOURCES[family]) return ids;
	const runtime = feed(context, data, slot.url, slot.token, family);
	if (!runtime.cursor) return ids;
	const source = sourceOf(family);
	const delivered = source.utc ? deliveryTime(eventCreated) : undefined;
	const fresh: Array<string | number> = [];
	for (const id of ids) {
		// A property's id is its place in the feed. Otherwise, without a usable EventCreated, a
		// creation is kept until a read brings its own time, and an update is placed at n8n's
		// clock (an update kept "forever" would hide the contact's later changes).
		const unknown = source.axis.once ? UNKNOWN_TIME : Date.now();
		const time = family === 'propertyCreate' ? Number(id) : (delivered ?? unknown);
		const claim = claimChange(
			runtime.cursor,
			String(id),
			Number.isFinite(time) ? time : UNKNOWN_TIME,
			source.axis,
			delivered === undefined ? 0 : DELIVERY_TIME_SLACK_MS,
		);
		runtime.cursor = claim.cursor;
		if (!claim.duplicate) fresh.push(id);
	}
	return fresh;
}

function deliveryTime(eventCreated: string | number | null): number | undefined {
	if (typeof eventCreated === 'number') return eventCreated;
	const parsed = parseApiDateTime(eventCreated);
	return parsed ?? (eventCreated ? Date.parse(eventCreated) || undefined : undefined);
}

export interface CaughtUp {
	family: EventFamily;
	item: IDataObject & { resourceId: string | number | null };
	record?: IDataObject;
}

/**
 * After a catch-up that found changes no delivery brought (deliveries are being lost right now),
 * it looks again `pauseMs` later, as long as each look finds more, for at most `maxMs`: the end
 * of a burst whose last deliveries are all lost is then emitted without waiting for the next
 * delivery. (This delivery's execution starts that much later.)
 */
export const catchUpTrail = { pauseMs: 2_000, maxMs: 30_000 };

/**
 * Reads the family's changes since its mark and returns those not emitted yet. One delivery
 * reads at a time per feed; deliveries arriving meanwhile ask for another round, which the
 * reading one runs before it returns (so the last delivery of a burst is always followed by a
 * read). A failed read emits nothing and is retried by the next delivery.
 */
export async function catchUp(
	context: IWebhookFunctions,
	data: Data,
	slot: { url: string; token: string },
	family: EventFamily,
): Promise<CaughtUp[]> {
	const runtime = feed(context, data, slot.url, slot.token, family);
	if (runtime.running) {
		runtime.pending = true;
		return [];
	}
	runtime.running = true;
	const source = sourceOf(family);
	const found: CaughtUp[] = [];
	/** One read of the window; false when the rounds should stop. */
	const round = async (): Promise<boolean> => {
		runtime.pending = false;
		if (!runtime.cursor) {
			runtime.cursor = await learn(context, source);
			return runtime.pending;
		}
		const since = windowStart(runtime.cursor, source.axis);
		const read = await source.read(
			context,
			since,
			CATCH_UP_MAX_PAGES,
			false,
			currentPass(runtime.cursor, source.axis)?.resumeAt,
		);
		// The window moved meanwhile (a newer saved copy was merged in): read it anew.
		if (windowStart(runtime.cursor, source.axis) !== since) {
			runtime.pending = true;
			return true;
		}
		// Applied to the cursor as it is now: deliveries may have claimed changes meanwhile.
		const outcome = applyChanges(
			runtime.cursor,
			read.changes.map((change) => ({ ...change, value: change })),
			source.axis,
			{ resumeAt: read.resumeAt },
		);
		runtime.cursor = outcome.cursor;
		for (const change of outcome.emitted) {
			found.push({
				family,
				item: changeItem(source, change.value),
				record: change.value,
			});
		}
		// Past MAX_SEEN_KEYS the window moves on before the rest was read: say so.
		if (read.resumeAt !== undefined && !currentPass(runtime.cursor, source.axis)) {
			found.push({ family, item: overflowNotice(family) });
		}
		return runtime.pending || currentPass(runtime.cursor, source.axis) !== undefined;
	};
	try {
		for (let rounds = 0; rounds < CATCH_UP_MAX_ROUNDS; rounds++) {
			if (!(await round())) break;
		}
		const deadline = Date.now() + catchUpTrail.maxMs;
		let lastFound = found.length;
		while (lastFound > 0 && Date.now() + catchUpTrail.pauseMs <= deadline) {
			await sleep(catchUpTrail.pauseMs);
			const before = found.length;
			await round();
			lastFound = found.length - before;
		}
	} catch {
		runtime.pending = true;
	} finally {
		runtime.running = false;
	}
	return found;
}

/**
 * Writes every feed's record from memory into this delivery's static data, last thing before
 * it returns: concurrent deliveries each save their own copy and the last one saved wins, so
 * each copy must carry everything known then, not only what this delivery changed.
 */
export function saveFeeds(
	context: IWebhookFunctions,
	data: Data,
	slot: { url: string; token: string },
	families: EventFamily[],
): void {
	for (const family of new Set(families)) {
		if (!CATCH_UP_SOURCES[family]) continue;
		save(data, slot.url, family, feed(context, data, slot.url, slot.token, family).cursor);
	}
}

function overflowNotice(family: EventFamily) {
	return {
		event: family,
		specificEvent: 'catchUpIncomplete',
		eventCreated: new Date().toISOString(),
		resourceId: null,
		record: null,
		message: `More than ${MAX_SEEN_KEYS} changes were waiting within a few minutes of each other; some of them may not have been emitted. Read them with the Wise Agent node (Get Many, updated since).`,
	};
}
