import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { NAME_MAX, addedText, invalidInput, withoutEmpty } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import {
	NOTE_MAX_LENGTH,
	lockedNoteNotice,
	noteIdField,
	noteTarget,
	vendorNoteField,
} from './note.fields';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a note',
		description: 'Change the text or subject of a note; locked notes cannot be changed',
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
					description: `New text of the note (HTML allowed), at most ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters`,
				},
				{
					displayName: 'Subject',
					name: 'subject',
					type: 'string',
					default: '',
					description: `At most ${NAME_MAX} characters`,
				},
			],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const target = noteTarget(this, itemIndex);
		const values = getCollection(this, itemIndex, 'updateFields');
		const changes = withoutEmpty({
			note: addedText(this, itemIndex, 'Note', values.note, NOTE_MAX_LENGTH),
			subject: addedText(this, itemIndex, 'Subject', values.subject, NAME_MAX),
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
