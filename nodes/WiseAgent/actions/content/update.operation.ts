import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput } from '../../helpers/validation';
import type { WiseAgentOperation } from '../types';
import {
	categoryField,
	contentIdField,
	htmlField,
	readContentId,
	subjectField,
} from './content.fields';
import { fetchContent, saveContent } from './content.requests';

const has = (fields: IDataObject, key: string) => fields[key] !== undefined;

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a content item',
		description: 'Change the name, category, subject or HTML of content (content with ContentId)',
	},
	scopes: ['marketing'],
	description: [
		contentIdField('update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				categoryField,
				htmlField,
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'At most 100 characters',
				},
				subjectField,
			],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const contentId = readContentId(this, itemIndex);
		const changes = getCollection(this, itemIndex, 'updateFields');
		if (!['name', 'category', 'subject', 'html'].some((key) => has(changes, key))) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		// The one `content` POST requires Name and Html even when updating, so fields the user
		// does not change are sent as they are now, read first.
		const current = await fetchContent(this, itemIndex, contentId);
		const body = await saveContent(this, itemIndex, {
			ContentId: contentId,
			Name: has(changes, 'name') ? changes.name : current.Name,
			Category: has(changes, 'category') ? changes.category : current.Category,
			Subject: has(changes, 'subject') ? changes.subject : current.Subject,
			Html: has(changes, 'html') ? changes.html : current.Html,
		});
		return successResult(body, { ContentId: contentId });
	},
};
