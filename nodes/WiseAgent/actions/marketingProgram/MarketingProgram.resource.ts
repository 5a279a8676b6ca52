import type { WiseAgentResource } from '../types';
import { addContacts } from './addContacts.operation';
import { getMany } from './getMany.operation';

export const marketingProgram: WiseAgentResource = {
	option: {
		name: 'Marketing Program',
		value: 'marketingProgram',
		description: 'Drip and email campaigns contacts can be enrolled in',
	},
	defaultOperation: 'addContacts',
	operations: { getAll: getMany, addContacts },
};
