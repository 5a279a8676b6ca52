import type { IDataObject } from 'n8n-workflow';

import { parseJsonField } from './parse';

/**
 * Fields that the API sends as JSON encoded inside a string, e.g.
 * `"Categories": "[{\"name\":\"Buyer\"}]"` on contacts and notes.
 */
const JSON_STRING_FIELDS = [
	'Categories',
	'InsideTeamAssignment',
	'OutsideTeamAssignment',
	'CustomData',
] as const;

type JsonStringField = (typeof JSON_STRING_FIELDS)[number];

/**
 * Decodes a record's JSON-in-string fields into arrays (empty text → []; text that is not JSON
 * stays as it is). `Categories` becomes a list of
 * category names, which is what users map onward; the other fields keep their objects.
 */
export function decodeJsonStringFields(record: IDataObject): IDataObject {
	const decoded: IDataObject = { ...record };
	for (const field of JSON_STRING_FIELDS) {
		if (!(field in record)) continue;
		const raw = record[field];
		const value = parseJsonField(raw);
		// Text that is not JSON is kept as sent: replacing it would lose what the API said.
		if (value === undefined && typeof raw === 'string' && raw.trim() !== '') continue;
		const list =
			value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
		decoded[field] = field === 'Categories' ? list.map(categoryName) : (list as IDataObject[]);
	}
	return decoded;
}

function categoryName(entry: unknown): unknown {
	if (entry && typeof entry === 'object') {
		const record = entry as Record<string, unknown>;
		return record.name ?? record.Name ?? record.category ?? entry;
	}
	return entry;
}

/** A record in its compact, friendly-named form (one function per resource, in its requests file). */
export type RecordShape = (record: IDataObject) => IDataObject;

/**
 * Simplify on: each record in its resource's compact shape. Off: every field Wise Agent sent,
 * with the JSON-in-string fields decoded.
 */
/** simplifyRecords for one record: its compact shape, or the API's record decoded. */
export function recordShaper(simplify: boolean, shape: RecordShape): RecordShape {
	return simplify ? shape : decodeJsonStringFields;
}

export function simplifyRecords(
	records: IDataObject[],
	simplify: boolean,
	shape: RecordShape,
): IDataObject[] {
	const shaper = recordShaper(simplify, shape);
	return records.map((record) => shaper(record));
}

// ------------------------------------------------ values of the compact shapes

/** Text as sent, trimmed; empty text and anything that is not text or a number → null. */
export function textOf(value: unknown): string | null {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text === '' ? null : text;
}

/** A number, also from text (`"3"`, `"$1,250"`); empty or not a number → null. */
export function numberOf(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const text = textOf(value)?.replace(/[$,]/g, '');
	if (!text) return null;
	const number = Number(text);
	return Number.isFinite(number) ? number : null;
}

/** true/false, also from the API's `"true"`, `"false"`, `1`, `0`; anything else → null. */
export function flagOf(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	const text = textOf(value)?.toLowerCase();
	if (text === 'true' || text === '1') return true;
	if (text === 'false' || text === '0') return false;
	return null;
}

/** A record ID, as text, or null for none (Wise Agent writes `0` for "no contact", "no team member"). */
export function idOf(value: unknown): string | null {
	const text = textOf(value);
	return text === null || text === '0' ? null : text;
}

/**
 * One JSON-in-string field decoded into a list (see decodeJsonStringFields); text that is not
 * JSON is kept as the list's one entry rather than lost.
 */
export function decodedList(record: IDataObject, field: JsonStringField): unknown[] {
	const value = decodeJsonStringFields({ [field]: record[field] ?? '' })[field];
	if (Array.isArray(value)) return value;
	return textOf(value) === null ? [] : [value];
}
