import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { getInside } from './getInside.operation';
import { getOutside } from './getOutside.operation';

export const team: WiseAgentResource = defineResource({
	option: { name: 'Team', value: 'team', description: 'Inside and outside team members' },
	defaultOperation: 'getInside',
	operations: [getInside, getOutside],
});
