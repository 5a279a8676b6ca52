import type { WiseAgentResource } from '../types';
import { getMany } from './getMany.operation';

export const source: WiseAgentResource = {
	option: { name: 'Source', value: 'source', description: 'Lead sources of the account' },
	defaultOperation: 'getAll',
	operations: { getAll: getMany },
};
