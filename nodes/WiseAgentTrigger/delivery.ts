import { createHash, timingSafeEqual } from 'crypto';
import { parseJsonField } from '../WiseAgent/helpers/parse';
import { isRecord } from '../WiseAgent/helpers/records';
import type { EventFamily } from '../WiseAgent/transport';
import { familyOf } from './events';
import type { TriggerStaticData } from './registration';

/** A webhook call from Wise Agent: `{"EventType","EventCreated","ResourceIds"}`. */
export interface Delivery {
	eventType: string;
	family: EventFamily;
	eventCreated: string | number | null;
	resourceIds: Array<string | number>;
}

export type ParseResult = { ok: true; delivery: Delivery } | { ok: false; reason: string };

/**
 * Reads the delivery body. n8n has already parsed a JSON body when the request said so; a body
 * sent as text (or with another content type) is parsed here. Anything that is not the
 * documented shape is refused.
 */
export function parseDelivery(body: unknown, rawBody?: unknown): ParseResult {
	let payload: unknown = body;
	if (typeof payload === 'string' || Buffer.isBuffer(payload)) payload = decode(payload);
	else if (isRecord(payload) && Object.keys(payload).length === 0 && rawBody !== undefined) {
		payload = decode(rawBody);
	}
	if (!isRecord(payload)) return { ok: false, reason: 'The body is not a JSON object' };

	const eventType = payload.EventType;
	if (typeof eventType !== 'string' || eventType.trim() === '') {
		return { ok: false, reason: 'EventType is missing' };
	}
	const family = familyOf(eventType.trim());
	if (family === undefined) {
		return { ok: false, reason: `EventType "${eventType}" is not a Wise Agent event` };
	}
	const ids = payload.ResourceIds;
	if (!Array.isArray(ids)) return { ok: false, reason: 'ResourceIds is not a list' };
	if (!ids.every(isResourceId)) {
		return { ok: false, reason: 'ResourceIds must hold numbers or non-empty strings' };
	}
	const created = payload.EventCreated;
	return {
		ok: true,
		delivery: {
			eventType: eventType.trim(),
			family,
			eventCreated: typeof created === 'string' || typeof created === 'number' ? created : null,
			resourceIds: ids as Array<string | number>,
		},
	};
}

function decode(raw: unknown): unknown {
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	return parseJsonField(text);
}

function isResourceId(value: unknown): value is string | number {
	return (
		(typeof value === 'number' && Number.isFinite(value)) ||
		(typeof value === 'string' && value.trim() !== '')
	);
}

/**
 * The URL of the slot whose token was sent (constant-time comparison with every registered
 * token), or undefined.
 */
export function slotOfToken(sent: unknown, data: TriggerStaticData): string | undefined {
	if (typeof sent !== 'string' || sent === '') return undefined;
	let matched: string | undefined;
	for (const [url, slot] of Object.entries(data.slots ?? {})) {
		// Hashing first gives equal lengths, so timingSafeEqual never throws or leaks the length.
		if (timingSafeEqual(digest(sent), digest(slot.token))) matched = url;
	}
	return matched;
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text).digest();
}

/** Deliveries kept for duplicate detection, whatever the window. */
export const MAX_REMEMBERED_DELIVERIES = 500;
/** A delivery without EventCreated is a duplicate only when the same bytes came this recently. */
export const UNDATED_DUPLICATE_WINDOW_MS = 60_000;

/**
 * A short hash of what makes a delivery the same one: event type, ids and EventCreated; without
 * EventCreated, the exact body (two different changes to one record look alike otherwise).
 */
export function deliveryKey(delivery: Delivery, rawBody: string): string {
	const identity =
		delivery.eventCreated === null
			? `raw|${rawBody}`
			: `${delivery.eventType}|${delivery.resourceIds.map(String).sort().join(',')}|${delivery.eventCreated}`;
	return createHash('sha256').update(identity).digest('base64url').slice(0, 22);
}

/**
 * True when the same delivery arrived within the window; otherwise remembers it. Old and excess
 * keys are dropped so static data stays small.
 */
export function isDuplicate(
	data: TriggerStaticData,
	delivery: Delivery,
	rawBody: string,
	windowMs: number,
	now = Date.now(),
): boolean {
	if (windowMs <= 0) return false;
	const window =
		delivery.eventCreated === null ? Math.min(windowMs, UNDATED_DUPLICATE_WINDOW_MS) : windowMs;
	const key = deliveryKey(delivery, rawBody);
	const recent = Object.entries(data.recentDeliveries ?? {}).filter(
		([, receivedAt]) => now - receivedAt < windowMs,
	);
	const duplicate = recent.some(([seen, receivedAt]) => seen === key && now - receivedAt < window);
	if (!duplicate) recent.push([key, now]);
	data.recentDeliveries = Object.fromEntries(
		recent.sort((a, b) => a[1] - b[1]).slice(-MAX_REMEMBERED_DELIVERIES),
	);
	return duplicate;
}

/** The body as sent, for the undated duplicate check. */
export function bodyText(body: unknown, rawBody: unknown): string {
	if (Buffer.isBuffer(rawBody)) return rawBody.toString('utf8');
	if (typeof rawBody === 'string') return rawBody;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return typeof body === 'string' ? body : JSON.stringify(body);
}
