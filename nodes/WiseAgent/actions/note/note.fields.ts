import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { categoryNamesField } from '../../descriptions/common';
import { LONG_TEXT_MAX, readBoolean, requireNumericId } from '../../helpers/validation';

export const LOCKED_NOTE_HINT =
	'Notes that are locked in Wise Agent cannot be changed or removed through the API; the request then fails with the API’s message.';

export const noteIdField: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 663505',
	description: 'The note’s ID, from Create or Get Many',
};

export const vendorNoteField: INodeProperties = {
	displayName: 'Vendor Note',
	name: 'vendor',
	type: 'boolean',
	default: false,
	description: 'Whether the note belongs to a vendor rather than a client',
};

export const lockedNoteNotice: INodeProperties = {
	displayName: LOCKED_NOTE_HINT,
	name: 'lockedNoteNotice',
	type: 'notice',
	default: '',
};

/** Longest note text accepted (undocumented; notes may hold HTML). */
export const NOTE_MAX_LENGTH = LONG_TEXT_MAX;

/** Category names as a multiOptions field from the account's categories. */
export function noteCategoriesField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return categoryNamesField(undefined, overrides);
}

/** `noteID` plus `vendor=true` for vendor notes (the API defaults to client notes). */
export function noteTarget(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const noteID = requireNumericId(
		context,
		itemIndex,
		'Note ID',
		context.getNodeParameter('noteId', itemIndex),
	);
	const vendor = readBoolean(
		context,
		itemIndex,
		'Vendor Note',
		context.getNodeParameter('vendor', itemIndex, false),
	);
	return vendor ? { noteID, vendor: 'true' } : { noteID };
}
