import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatUsDateInZone } from '../../helpers/dates';
import { isRecord, successResult } from '../../helpers/records';
import { checkMaxLengths, invalidInput, requireDate, toList } from '../../helpers/validation';
import { PROPERTY_FIELD_SPECS } from './property.fields';

/** `{"status":"success","data":{...}}` → the data with `success: true`. */
export function statusResult(body: unknown, extra: IDataObject = {}): IDataObject {
	if (isRecord(body) && isRecord(body.data)) return { success: true, ...body.data, ...extra };
	return successResult(body, extra);
}

/** Checks public http(s) URLs and joins them as `imageURLS_CSV` wants. */
export function imageUrlsCsv(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): string {
	const urls = toList(value);
	for (const url of urls) {
		if (!/^https?:\/\/[^\s,]+$/i.test(url)) {
			throw invalidInput(
				context,
				itemIndex,
				'Image URLs',
				`"${url}" is not a public http(s) URL (commas are not allowed inside a URL)`,
			);
		}
	}
	return urls.join(',');
}

/**
 * Maps user-facing values to the addProperty/updateProperty form, leaving out what the user did
 * not set, and enforces the documented length limits before anything is sent.
 */
export function toPropertyForm(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
): IDataObject {
	const form: IDataObject = {};
	for (const spec of PROPERTY_FIELD_SPECS) {
		const value = values[spec.name];
		if (value === undefined || value === null || value === '') continue;
		switch (spec.kind) {
			case 'boolean':
				form[spec.apiName] = String(value === true);
				break;
			case 'date':
				form[spec.apiName] = formatUsDateInZone(
					requireDate(context, itemIndex, spec.displayName, value),
					context.getTimezone(),
				);
				break;
			case 'urls': {
				const csv = imageUrlsCsv(context, itemIndex, value);
				if (csv !== '') form[spec.apiName] = csv;
				break;
			}
			default:
				form[spec.apiName] = typeof value === 'string' ? value.trim() : value;
		}
	}
	const limits: Record<string, { label: string; max: number }> = {};
	for (const spec of PROPERTY_FIELD_SPECS) {
		if (spec.max) limits[spec.apiName] = { label: spec.displayName, max: spec.max };
	}
	checkMaxLengths(context, itemIndex, form, limits);
	return form;
}

/**
 * addPropertySearchCriteria answers `{"success": "..."},{"clientid": "1074010", "searchID": "1234"}`
 * as documented: two objects side by side, which is not JSON (the lenient parser hands it back
 * as text), or, when repaired upstream, an array of both. Either way the fields are merged.
 */
export function mergedFields(body: unknown): IDataObject {
	if (Array.isArray(body)) return Object.assign({}, ...body.filter(isRecord)) as IDataObject;
	if (isRecord(body)) return body;
	const fields: IDataObject = {};
	if (typeof body === 'string') {
		for (const match of body.matchAll(/"(\w+)"\s*:\s*"?([^",}]*)"?/g)) fields[match[1]] = match[2];
	}
	return fields;
}
