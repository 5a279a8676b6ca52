import type { WiseAgentResource } from '../types';
import { getManyInside } from './getManyInside.operation';
import { getManyOutside } from './getManyOutside.operation';

export const team: WiseAgentResource = {
	option: { name: 'Team', value: 'team', description: 'Inside and outside team members' },
	defaultOperation: 'getInside',
	operations: { getInside: getManyInside, getOutside: getManyOutside },
};
