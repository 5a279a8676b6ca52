import type { INodeProperties } from 'n8n-workflow';

import { contactLocator } from './common';

/**
 * "One or many contacts" for request types that take a `clientids` CSV (addContactNote,
 * addClientsToCategory, removeClientsFromCategory): a contact picked with the locator, plus
 * optional extra IDs, comma-separated or as an array from an expression.
 */
export function contactListProperties(): INodeProperties[] {
	return [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{
			displayName: 'Additional Contact IDs',
			name: 'additionalContactIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1822536, V26855',
			description:
				'More contacts, comma-separated or an array from an expression (V prefix for vendors)',
		},
	];
}
