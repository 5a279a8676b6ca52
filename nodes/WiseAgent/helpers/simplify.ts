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

/** Applies `decodeJsonStringFields` when Simplify is on; otherwise returns the records untouched. */
export function simplifyRecords(records: IDataObject[], simplify: boolean): IDataObject[] {
	return simplify ? records.map(decodeJsonStringFields) : records;
}
