import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { addContacts } from './addContacts.operation';
import { create } from './create.operation';
import { getAll } from './getAll.operation';
import { getContactCount } from './getContactCount.operation';
import { removeContacts } from './removeContacts.operation';

export const category: WiseAgentResource = defineResource({
	option: { name: 'Category', value: 'category', description: 'Contact categories' },
	defaultOperation: 'addContacts',
	operations: [addContacts, removeContacts, create, getAll, getContactCount],
});
