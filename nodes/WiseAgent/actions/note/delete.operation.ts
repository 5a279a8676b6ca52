import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { lockedNoteNotice, noteIdField, noteTarget, vendorNoteField } from './note.fields';

const deleteOperation: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a note',
		description: 'Remove a note; locked notes cannot be removed',
	},
	scopes: ['contacts'],
	description: [lockedNoteNotice, noteIdField, vendorNoteField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const target = noteTarget(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'DELETE',
			requestType: 'removeContactNote',
			form: target,
			itemIndex,
		});
		return successResult(body, { NoteID: target.noteID, deleted: true });
	},
};

// `delete` is a reserved word: the operation is declared under another name.
export { deleteOperation as delete };
