import type { WiseAgentResource } from '../types';
import { addContacts } from './addContacts.operation';
import { create } from './create.operation';
import { getContactCount } from './getContactCount.operation';
import { getMany } from './getMany.operation';
import { removeContacts } from './removeContacts.operation';

export const category: WiseAgentResource = {
	option: { name: 'Category', value: 'category', description: 'Contact categories' },
	defaultOperation: 'addContacts',
	operations: {
		addContacts,
		removeContacts,
		create,
		getAll: getMany,
		getContactCount,
	},
};
