import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { createEvent } from './createEvent.operation';
import { getEvents } from './getEvents.operation';

export const calendar: WiseAgentResource = defineResource({
	option: { name: 'Calendar', value: 'calendar', description: 'Calendar (planner) events' },
	defaultOperation: 'getEvents',
	operations: [getEvents, createEvent],
});
