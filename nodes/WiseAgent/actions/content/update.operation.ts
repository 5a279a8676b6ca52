import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, optionalText, requireText } from '../../helpers/validation';
import type { WiseAgentOperation } from '../types';
import {
	categoryField,
	contentIdField,
	htmlField,
	readContentId,
	subjectField,
} from './content.fields';
import { CONTENT_LIMITS, fetchContent, saveContent } from './content.requests';

const has = (fields: IDataObject, key: string) => fields[key] !== undefined;

/** A field of the record as read back: missing or null means empty. */
const stored = (value: unknown) => (value === undefined || value === null ? '' : value);

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a content item',
		description: 'Change the name, category, subject or HTML of content',
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
		// Checked before the read below: no request for a bad value.
		if (has(changes, 'name'))
			requireText(this, itemIndex, 'Name', changes.name, CONTENT_LIMITS.name);
		if (has(changes, 'html'))
			requireText(this, itemIndex, 'HTML', changes.html, CONTENT_LIMITS.html);
		optionalText(this, itemIndex, 'Category', changes.category, CONTENT_LIMITS.category);
		optionalText(this, itemIndex, 'Subject', changes.subject, CONTENT_LIMITS.subject);
		// The one `content` POST requires Name and Html even when updating, so fields the user
		// does not change are sent as they are now, read first.
		const current = await fetchContent(this, itemIndex, contentId);
		const body = await saveContent(this, itemIndex, {
			ContentId: contentId,
			Name: has(changes, 'name') ? changes.name : stored(current.Name),
			Category: has(changes, 'category') ? changes.category : stored(current.Category),
			Subject: has(changes, 'subject') ? changes.subject : stored(current.Subject),
			Html: has(changes, 'html') ? changes.html : stored(current.Html),
		});
		return successResult(body, { ContentId: contentId });
	},
};
