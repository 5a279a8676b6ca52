import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator, simplifyField } from '../../descriptions/common';
import { simplifyRecords } from '../../helpers/simplify';
import { requireContactId, requireNumericId } from '../../helpers/validation';
import { getNote, notFoundError } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { noteIdField } from './note.fields';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a note',
		description: 'Retrieve one note by its ID (getContactNotes with NoteID)',
	},
	scopes: ['contacts'],
	description: [
		noteIdField,
		contactLocator({
			displayName: 'Contact',
			name: 'contactId',
			required: false,
			description:
				'The client or vendor the note belongs to (optional; use the V prefix for vendor notes)',
		}),
		simplifyField,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const noteId = requireNumericId(
			this,
			itemIndex,
			'Note ID',
			this.getNodeParameter('noteId', itemIndex),
		);
		const rawContact = this.getNodeParameter('contactId', itemIndex, '', { extractValue: true });
		const clientId =
			String(rawContact ?? '').trim() !== ''
				? requireContactId(this, itemIndex, 'Contact', rawContact)
				: undefined;
		const note = await getNote(this, noteId, clientId, itemIndex);
		if (!note) throw notFoundError(this, `note ${noteId}`, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords([note], simplify)[0];
	},
};
