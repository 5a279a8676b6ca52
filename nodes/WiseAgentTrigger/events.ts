import type { INodePropertyOptions } from 'n8n-workflow';

import type { EventFamily } from '../WiseAgent/transport';
import { EVENT_FAMILIES, EVENT_SUB_TYPES, WEBHOOK_EVENTS } from '../WiseAgent/transport';

/** Sub-type → its family: selecting a sub-type registers the family and keeps only its deliveries. */
export const NARROWING_EVENTS: Record<string, EventFamily> = Object.fromEntries(
	EVENT_SUB_TYPES.map((subType) => [subType.value, subType.family]),
);

export function isDeleteEvent(family: EventFamily): boolean {
	return family.endsWith('Delete');
}

/**
 * The family a delivered EventType belongs to: the family itself or one of its documented
 * sub-types, exactly (an unknown name is refused, not guessed from its prefix).
 */
export function familyOf(eventType: string): EventFamily | undefined {
	if ((EVENT_FAMILIES as readonly string[]).includes(eventType)) return eventType as EventFamily;
	return Object.hasOwn(NARROWING_EVENTS, eventType) ? NARROWING_EVENTS[eventType] : undefined;
}

/** The Wise Agent event types to register for the user's selection, in a stable order. */
export function familiesToRegister(selected: string[]): EventFamily[] {
	const wanted = new Set(selected.map((event) => familyOf(event)).filter((f) => f !== undefined));
	return EVENT_FAMILIES.filter((family) => wanted.has(family));
}

/**
 * Whether a delivery passes the user's selection: the whole family is selected, or exactly the
 * delivered sub-type is.
 */
export function isSelected(selected: string[], eventType: string, family: EventFamily): boolean {
	return selected.includes(family) || selected.includes(eventType);
}

/** The Events dropdown: every family, and each sub-type as "<family>: <change> Only". */
export const eventOptions: INodePropertyOptions[] = [
	...WEBHOOK_EVENTS.map((event) => ({ ...event })),
	...EVENT_SUB_TYPES.map((subType) => {
		const family = WEBHOOK_EVENTS.find((event) => event.value === subType.family)!;
		return {
			name: `${family.name}: ${subType.change} Only`,
			value: subType.value,
			description: subType.description,
		};
	}),
].sort((a, b) => a.name.localeCompare(b.name));
