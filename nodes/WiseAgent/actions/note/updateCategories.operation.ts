import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { readList } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import {
	lockedNoteNotice,
	noteCategoriesField,
	noteIdField,
	noteTarget,
	vendorNoteField,
} from './note.fields';

export const updateCategories: WiseAgentOperation = {
	option: {
		name: 'Update Categories',
		value: 'updateCategories',
		action: 'Update the categories of a note',
		description: 'Set the categories of a note; locked notes cannot be changed',
	},
	scopes: ['contacts'],
	description: [
		lockedNoteNotice,
		noteIdField,
		vendorNoteField,
		noteCategoriesField({
			description:
				'The note’s categories after the update; leave empty to remove them all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		}),
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const target = noteTarget(this, itemIndex);
		// Empty is meaningful here: the note keeps no category (documented in the field).
		const categories = readList(
			this,
			itemIndex,
			'Category Names',
			this.getNodeParameter('categories', itemIndex, []),
			'optional',
		).join(',');
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'updateContactNoteCategories',
			form: { ...target, categories },
			itemIndex,
		});
		return successResult(body, { NoteID: target.noteID, categories });
	},
};
