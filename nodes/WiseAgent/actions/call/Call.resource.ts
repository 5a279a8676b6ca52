import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { create } from './create.operation';
import { delete as callDelete } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const call: WiseAgentResource = defineResource({
	option: { name: 'Call', value: 'call', description: 'The call list: calls to make to contacts' },
	defaultOperation: 'create',
	operations: [create, update, get, getAll, callDelete],
});
