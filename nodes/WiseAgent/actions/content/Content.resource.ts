import type { WiseAgentResource } from '../types';
import { create } from './create.operation';
import { get } from './get.operation';
import { getCategories } from './getCategories.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const content: WiseAgentResource = {
	option: {
		name: 'Content',
		value: 'content',
		description: 'Marketing content such as email templates',
	},
	defaultOperation: 'getAll',
	operations: { getAll: getMany, get, create, update, getCategories },
};
