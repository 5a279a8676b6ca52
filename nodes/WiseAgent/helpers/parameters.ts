import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import {
	contactIdList,
	invalidInput,
	readBoolean,
	requireContactId,
	requireNumericId,
} from './validation';

/** Reads a contact resource locator (list, ID or URL mode) and checks the ID's shape. */
export function getContactIdParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'contactId',
	label = 'Contact',
): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (isResourceLocator(raw) && raw.mode === 'url') {
		return requireContactId(
			context,
			itemIndex,
			label,
			clientIdFromUrl(context, itemIndex, label, raw.value),
		);
	}
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireContactId(context, itemIndex, label, value);
}

function isResourceLocator(value: unknown): value is INodeParameterResourceLocator {
	return typeof value === 'object' && value !== null && (value as IDataObject).__rl === true;
}

/** The one `clientId` query parameter of a contact page URL (two different ones are ambiguous). */
function clientIdFromUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
): string {
	let url: URL;
	try {
		url = new URL(String(value ?? '').trim());
	} catch {
		throw invalidInput(context, itemIndex, label, `"${String(value)}" is not a URL`);
	}
	const ids = [...new Set(url.searchParams.getAll('clientId').map((id) => id.trim()))];
	if (ids.length !== 1) {
		throw invalidInput(
			context,
			itemIndex,
			label,
			ids.length === 0
				? 'the URL has no clientId parameter'
				: `the URL names ${ids.length} different contacts (clientId=${ids.join(', clientId=')})`,
			'Paste the address of one contact page in Wise Agent (…/client/summary?clientId=1822535).',
		);
	}
	return ids[0];
}

/** Reads a numeric-record locator (task, property…) and checks the ID is a number. */
export function getNumericIdParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireNumericId(context, itemIndex, label, value);
}

/** Reads a collection parameter ("Additional Fields", "Options"...), empty when unset. */
export function getCollection(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
): IDataObject {
	return (context.getNodeParameter(name, itemIndex, {}) as IDataObject) ?? {};
}

/** The Simplify switch (on by default); an expression must give true or false. */
export function readSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	return readBoolean(
		context,
		itemIndex,
		'Simplify',
		context.getNodeParameter('simplify', itemIndex, true),
	);
}

/** The picked contact plus Additional Contact IDs (descriptions/contactListFields.ts), checked. */
export function readContactList(context: IExecuteFunctions, itemIndex: number): string[] {
	return contactIdList(
		context,
		itemIndex,
		getContactIdParameter(context, itemIndex),
		context.getNodeParameter('additionalContactIds', itemIndex, ''),
	);
}
