import type { INodeProperties } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';

/** Contact, key and value: shared by Add Custom Field and Update Custom Field. */
export function customFieldProperties(keyDescription: string): INodeProperties[] {
	return [
		contactLocator({ displayName: 'Contact', name: 'contactId' }),
		{ displayName: 'Key', name: 'key', type: 'string', default: '', description: keyDescription },
		{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	];
}
