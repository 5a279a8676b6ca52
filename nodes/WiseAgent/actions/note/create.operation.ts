import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactListProperties } from '../../descriptions/contactListFields';
import { getCollection, readContactList } from '../../helpers/parameters';
import { isRecord, recordsFrom, singleRecordFrom, successResult } from '../../helpers/records';
import {
	NAME_MAX,
	optionalText,
	readList,
	readNumericId,
	requireText,
	withoutEmpty,
} from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { NOTE_MAX_LENGTH, noteCategoriesField } from './note.fields';
import { teamMemberField } from '../../descriptions/common';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Add a note to contacts',
		description: 'Add a note to one or many clients or vendors',
	},
	scopes: ['contacts'],
	description: [
		...contactListProperties(),
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			placeholder: 'e.g. Called about the open house',
			description: `At most ${NAME_MAX} characters`,
		},
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			description: `Text of the note (HTML allowed), at most ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters`,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [noteCategoriesField(), teamMemberField('Inside team member the note is added by')],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const clientIds = readContactList(this, itemIndex);
		const note = requireText(
			this,
			itemIndex,
			'Note',
			this.getNodeParameter('note', itemIndex),
			NOTE_MAX_LENGTH,
		);
		const subject = optionalText(
			this,
			itemIndex,
			'Subject',
			this.getNodeParameter('subject', itemIndex, ''),
			NAME_MAX,
		);
		const additional = getCollection(this, itemIndex, 'additionalFields');
		const categories = readList(this, itemIndex, 'Category Names', additional.categories, 'added');
		const insideTeamId = readNumericId(
			this,
			itemIndex,
			'Team Member',
			additional.insideTeamId,
			'added',
		);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addContactNote',
			form: withoutEmpty({
				clientids: clientIds.join(','),
				subject,
				note,
				categories: categories.join(','),
				InsideTeamId: insideTeamId,
			}),
			itemIndex,
		});
		// `[{"success":"true","data":[{"ClientID":1882131,"NoteID":663505}]}]`: one item per note.
		const response = singleRecordFrom(body);
		const created = isRecord(response) ? recordsFrom(response, 'data') : [];
		if (created.length === 0) return [successResult(body, { clientids: clientIds.join(',') })];
		return created.map((record) => ({ success: true, ...record }));
	},
};
