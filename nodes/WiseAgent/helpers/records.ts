import type { IDataObject } from 'n8n-workflow';

/**
 * Picks the list of records out of a response, whatever wrapper this request type uses:
 * a bare array, `{Data: [...]}`, `{data: [...]}`, `{CategoryInfo: [...]}`, ...
 */
export function recordsFrom(body: unknown, ...keys: string[]): IDataObject[] {
	if (Array.isArray(body)) return body.filter(isRecord);
	if (!isRecord(body)) return [];
	for (const key of [...keys, 'Data', 'data']) {
		const value = body[key];
		if (Array.isArray(value)) return value.filter(isRecord);
		if (isRecord(value) && keys.includes(key)) return [value];
	}
	return [];
}

/** One record: the body itself, or the only element of a one-element array (getSingleContact). */
export function singleRecordFrom(body: unknown, ...keys: string[]): IDataObject | undefined {
	if (Array.isArray(body)) return body.find(isRecord);
	if (!isRecord(body)) return undefined;
	for (const key of [...keys, 'Data', 'data']) {
		const value = body[key];
		if (isRecord(value)) return value;
		if (Array.isArray(value)) return value.find(isRecord);
	}
	return body;
}

export function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The output item for request types that answer only a success flag. */
export function successResult(body: unknown, extra: IDataObject = {}): IDataObject {
	const record = Array.isArray(body) ? body.find(isRecord) : body;
	return {
		...(isRecord(record) ? record : { response: record as IDataObject }),
		success: true,
		...extra,
	};
}
