import type { WiseAgentResource } from '../types';
import { create } from './create.operation';
import { deleteCall } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const call: WiseAgentResource = {
	option: { name: 'Call', value: 'call', description: 'The call list: calls to make to contacts' },
	defaultOperation: 'create',
	operations: {
		create,
		update,
		get,
		getAll: getMany,
		delete: deleteCall,
	},
};
