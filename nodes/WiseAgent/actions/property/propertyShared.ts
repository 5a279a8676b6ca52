import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactLocator, numericRecordLocator } from '../../descriptions/common';
import { getNumericIdParameter } from '../../helpers/parameters';
import { isRecord, successResult } from '../../helpers/records';
import { requireContactId, requireNumericId } from '../../helpers/validation';

/** A property picked from the account's properties or typed as its PropertyID. */
export const propertyLocator = numericRecordLocator({
	name: 'propertyId',
	displayName: 'Property',
	searchListMethod: 'searchProperties',
	searchPlaceholder: 'Search by address or MLS number…',
	idExample: '12434',
});

export function readPropertyId(context: IExecuteFunctions, itemIndex: number): string {
	return getNumericIdParameter(context, itemIndex, 'propertyId', 'Property');
}

/** Optional contact of Create/Update (ClientId); its relation is in the fields. */
export const propertyContactLocator = contactLocator({
	displayName: 'Contact',
	name: 'contactId',
	required: false,
	description: 'Client to connect to the property (optional); set Client Relation in the fields',
});

export function readOptionalContactId(
	context: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	const value = context.getNodeParameter('contactId', itemIndex, '', { extractValue: true });
	if (String(value ?? '').trim() === '') return undefined;
	return requireContactId(context, itemIndex, 'Contact', value);
}

export const searchIdField: INodeProperties = {
	displayName: 'Search Profile ID',
	name: 'searchId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: 'SearchID from Create Search Profile or Get Many Search Profiles',
};

export function readSearchId(context: IExecuteFunctions, itemIndex: number): string {
	return requireNumericId(
		context,
		itemIndex,
		'Search Profile ID',
		context.getNodeParameter('searchId', itemIndex),
	);
}

/** `{"status":"success","data":{...}}` → the data with `success: true`. */
export function statusResult(body: unknown, extra: IDataObject = {}): IDataObject {
	if (isRecord(body) && isRecord(body.data)) return { success: true, ...body.data, ...extra };
	return successResult(body, extra);
}
