import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator, simplifyField } from '../../descriptions/common';
import { simplifyRecords } from '../../helpers/simplify';
import { optionalContactId, requireNumericId } from '../../helpers/validation';
import { getNote, notFoundError } from '../../transport';
import { readSimplify } from '../../helpers/parameters';
import type { WiseAgentOperation } from '../types';
import { noteIdField } from './note.fields';
import { simplifyNote } from './note.requests';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a note',
		description: 'Retrieve one note by its ID',
	},
	scopes: ['contacts'],
	description: [
		noteIdField,
		contactLocator({
			displayName: 'Contact',
			name: 'contactId',
			required: false,
			description:
				'The client or vendor the note belongs to (V prefix for vendors). Recommended: the docs list the contact for this lookup, and without it Wise Agent may find nothing.',
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
		const clientId = optionalContactId(
			this,
			itemIndex,
			'Contact',
			this.getNodeParameter('contactId', itemIndex, '', { extractValue: true }),
		);
		const simplify = readSimplify(this, itemIndex);
		const note = await getNote(this, noteId, clientId, itemIndex);
		if (!note) {
			throw notFoundError(
				this,
				`note ${noteId}`,
				itemIndex,
				clientId === undefined
					? 'No Contact was given. The docs list the contact (ClientID) for getContactNotes, and Wise Agent may not find a note without it: set Contact and try again.'
					: `Contact ${clientId} has no note with this ID.`,
			);
		}
		return simplifyRecords([note], simplify, simplifyNote)[0];
	},
};
