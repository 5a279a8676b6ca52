import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getCategories } from './getCategories.operation';
import { update } from './update.operation';

export const content: WiseAgentResource = defineResource({
	option: {
		name: 'Content',
		value: 'content',
		description: 'Marketing content such as email templates',
	},
	defaultOperation: 'getAll',
	operations: [getAll, get, create, update, getCategories],
});
