import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { addContacts } from './addContacts.operation';
import { getAll } from './getAll.operation';

export const marketingProgram: WiseAgentResource = defineResource({
	option: {
		name: 'Marketing Program',
		value: 'marketingProgram',
		description: 'Drip and email campaigns contacts can be enrolled in',
	},
	defaultOperation: 'addContacts',
	operations: [getAll, addContacts],
});
