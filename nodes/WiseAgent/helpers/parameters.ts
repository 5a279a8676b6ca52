import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireContactId, requireNumericId, toList } from './validation';

/** Reads a contact resource locator (list, ID or URL mode) and checks the ID's shape. */
export function getContactIdParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'contactId',
	label = 'Contact',
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireContactId(context, itemIndex, label, value);
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

/** The picked contact and the additional IDs, each checked, without duplicates. */
export function readContactIds(context: IExecuteFunctions, itemIndex: number): string[] {
	const ids = [getContactIdParameter(context, itemIndex)];
	for (const extra of toList(context.getNodeParameter('additionalContactIds', itemIndex, ''))) {
		ids.push(requireContactId(context, itemIndex, 'Additional Contact IDs', extra));
	}
	return [...new Set(ids)];
}
