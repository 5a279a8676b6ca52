import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiDateToIsoDate } from '../../helpers/apiDates';
import { formatUsDateInZone } from '../../helpers/dates';
import { isRecord, successResult } from '../../helpers/records';
import { idOf, numberOf, textOf } from '../../helpers/simplify';
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

/**
 * A property in its compact form (Simplify on): the address grouped, the listing facts from
 * `Details` as numbers (a price of 0 is "not given": null), DateListed as a calendar date. The
 * other details (half bathrooms, rooms, agents, office, franchise…) stay available with
 * Simplify off.
 */
export function simplifyProperty(record: IDataObject): IDataObject {
	const details = isRecord(record.Details) ? record.Details : {};
	const street = [textOf(record.StreetNum), textOf(record.Street)].filter(Boolean);
	return {
		id: idOf(record.PropertyID),
		address: {
			street: street.length ? street.join(' ') : null,
			suite: textOf(record.Suite),
			city: textOf(record.City),
			state: textOf(record.State),
			zip: textOf(record.PostalCode),
			county: textOf(record.County),
			country: textOf(record.Country),
			subdivision: textOf(record.Subdivision),
		},
		mls: textOf(record.MLS),
		type: textOf(details.PropertyType),
		status: textOf(details.ListingStatus),
		listingPrice: numberOf(details.ListingPrice) || null,
		lastSalePrice: numberOf(details.LastSalePrice) || null,
		bedrooms: numberOf(details.NumBedrooms),
		bathrooms: numberOf(details.NumBathrooms),
		squareFeet: numberOf(details.SquareFt),
		yearBuilt: numberOf(details.YearBuilt),
		listedOn: apiDateToIsoDate(details.DateListed),
		description: textOf(details.Description),
		photoUrl: textOf(record.primaryPhoto),
	};
}
