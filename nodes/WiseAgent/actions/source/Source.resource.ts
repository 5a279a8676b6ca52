import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { getAll } from './getAll.operation';

export const source: WiseAgentResource = defineResource({
	option: { name: 'Source', value: 'source', description: 'Lead sources of the account' },
	defaultOperation: 'getAll',
	operations: [getAll],
});
