import type { WiseAgentResource } from '../types';
import { createEvent } from './createEvent.operation';
import { getManyEvents } from './getManyEvents.operation';

export const calendar: WiseAgentResource = {
	option: { name: 'Calendar', value: 'calendar', description: 'Calendar (planner) events' },
	defaultOperation: 'getEvents',
	operations: { getEvents: getManyEvents, createEvent },
};
