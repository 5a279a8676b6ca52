import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { contactLocator, simplifyField } from '../../descriptions/common';
import { recordsFrom } from '../../helpers/records';
import { simplifyRecords } from '../../helpers/simplify';
import { requireContactId, requireNumericId } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { noteIdField } from './noteFields';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a note',
		description: 'Retrieve one note by its ID (getContactNotes with NoteID)',
	},
	scopes: ['contacts'],
	description: forOperation('note', 'get', [
		noteIdField,
		contactLocator({
			displayName: 'Contact',
			name: 'contactId',
			required: false,
			description:
				'The client or vendor the note belongs to (optional; use the V prefix for vendor notes)',
		}),
		simplifyField,
	]),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const noteId = requireNumericId(
			this,
			itemIndex,
			'Note ID',
			this.getNodeParameter('noteId', itemIndex),
		);
		const rawContact = this.getNodeParameter('contactId', itemIndex, '', { extractValue: true });
		const query: IDataObject = { NoteID: noteId };
		if (String(rawContact ?? '').trim() !== '') {
			query.ClientID = requireContactId(this, itemIndex, 'Contact', rawContact);
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'GET',
			requestType: 'getContactNotes',
			query,
			itemIndex,
		});
		const note = recordsFrom(body, 'Notes')[0];
		if (!note) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `Note ${noteId} not found` },
				{ message: `Wise Agent: note ${noteId} was not found`, httpCode: '404', itemIndex },
			);
		}
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords([note], simplify)[0];
	},
};
