import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, withoutEmpty } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { lockedNoteNotice, noteIdField, noteTarget, vendorNoteField } from './note.fields';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a note',
		description:
			'Change the text or subject of a note; locked notes cannot be changed (updateContactNote)',
	},
	scopes: ['contacts'],
	description: [
		lockedNoteNotice,
		noteIdField,
		vendorNoteField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Note',
					name: 'note',
					type: 'string',
					default: '',
					typeOptions: { rows: 4 },
					description: 'New text of the note (HTML allowed)',
				},
				{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
			],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const target = noteTarget(this, itemIndex);
		const values = getCollection(this, itemIndex, 'updateFields');
		const changes = withoutEmpty({
			note: typeof values.note === 'string' ? values.note.trim() : undefined,
			subject: typeof values.subject === 'string' ? values.subject.trim() : undefined,
		});
		if (Object.keys(changes).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add a Note or a Subject to change');
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'updateContactNote',
			form: { ...target, ...changes },
			itemIndex,
		});
		return successResult(body, { NoteID: target.noteID });
	},
};
