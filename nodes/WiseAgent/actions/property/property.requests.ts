import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatUsDateInZone } from '../../helpers/dates';
import { isRecord, successResult } from '../../helpers/records';
import type { Presence } from '../../helpers/validation';
import {
	TEXT_MAX,
	URL_MAX,
	addedDate,
	addedText,
	describeValue,
	invalidInput,
	isHttpUrl,
	readBoolean,
	readList,
	readNumber,
} from '../../helpers/validation';
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
	presence: Presence = 'added',
): string {
	const urls = readList(context, itemIndex, 'Image URLs', value, presence, {
		max: URL_MAX,
		maxEntries: 100,
	});
	for (const url of urls) {
		if (!/^https?:\/\/[^\s,]+$/i.test(url) || !isHttpUrl(url)) {
			throw invalidInput(
				context,
				itemIndex,
				'Image URLs',
				`${describeValue(url)} is not a public http(s) URL (commas are not allowed inside a URL)`,
			);
		}
	}
	return urls.join(',');
}

/**
 * Maps user-facing values to the addProperty/updateProperty form, leaving out the fields the
 * user did not add, and checks every value (type, range, documented length) before anything
 * is sent.
 */
export function toPropertyForm(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
): IDataObject {
	const form: IDataObject = {};
	for (const spec of PROPERTY_FIELD_SPECS) {
		const value = values[spec.name];
		if (value === undefined) continue;
		const label = spec.displayName;
		switch (spec.kind) {
			case 'boolean':
				form[spec.apiName] = String(readBoolean(context, itemIndex, label, value));
				break;
			case 'number':
				form[spec.apiName] = readNumber(context, itemIndex, label, value, 'added', spec.range!);
				break;
			case 'date':
				form[spec.apiName] = formatUsDateInZone(
					addedDate(context, itemIndex, label, value)!,
					context.getTimezone(),
				);
				break;
			case 'urls':
				form[spec.apiName] = imageUrlsCsv(context, itemIndex, value);
				break;
			default:
				form[spec.apiName] = addedText(context, itemIndex, label, value, spec.max ?? TEXT_MAX);
		}
	}
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
