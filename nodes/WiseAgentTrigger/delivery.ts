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

/** Constant-time comparison of the token sent with the tokens this node registered. */
export function isKnownToken(sent: unknown, data: TriggerStaticData): boolean {
	if (typeof sent !== 'string' || sent === '') return false;
	let matched = false;
	for (const slot of Object.values(data.slots ?? {})) {
		// Hashing first gives equal lengths, so timingSafeEqual never throws or leaks the length.
		if (timingSafeEqual(digest(sent), digest(slot.token))) matched = true;
	}
	return matched;
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text).digest();
}

/** Deliveries kept for duplicate detection, whatever the window. */
export const MAX_REMEMBERED_DELIVERIES = 500;

export function deliveryKey(delivery: Delivery): string {
	const ids = delivery.resourceIds.map(String).sort().join(',');
	return `${delivery.eventType}|${ids}|${delivery.eventCreated ?? ''}`;
}

/**
 * True when the same delivery (event type, ids, EventCreated) arrived within the window; otherwise
 * remembers it. Old and excess keys are dropped so static data stays small.
 */
export function isDuplicate(
	data: TriggerStaticData,
	delivery: Delivery,
	windowMs: number,
	now = Date.now(),
): boolean {
	if (windowMs <= 0) return false;
	const key = deliveryKey(delivery);
	const recent = Object.entries(data.recentDeliveries ?? {}).filter(
		([, receivedAt]) => now - receivedAt < windowMs,
	);
	const duplicate = recent.some(([seen]) => seen === key);
	if (!duplicate) recent.push([key, now]);
	data.recentDeliveries = Object.fromEntries(
		recent.sort((a, b) => a[1] - b[1]).slice(-MAX_REMEMBERED_DELIVERIES),
	);
	return duplicate;
}
