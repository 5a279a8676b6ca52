import type { INodePropertyOptions } from 'n8n-workflow';

/** The event types Wise Agent lets a webhook subscribe to (POST `webhooks`, EventType). */
export const EVENT_FAMILIES = [
	'contactCreate',
	'contactUpdate',
	'contactDelete',
	'taskCreate',
	'taskUpdate',
	'taskDelete',
	'propertyCreate',
	'propertyUpdate',
	'propertyDelete',
	'noteCreate',
	'noteUpdate',
] as const;

export type EventFamily = (typeof EVENT_FAMILIES)[number];

/**
 * More specific EventTypes that Wise Agent puts in the delivery body of a family's webhook.
 * They cannot be subscribed to on their own: selecting one registers its family and keeps
 * only the deliveries of that sub-type.
 */
export const NARROWING_EVENTS: Record<string, EventFamily> = {
	contactUpdateCategory: 'contactUpdate',
	contactUpdateStatus: 'contactUpdate',
	contactUpdateSource: 'contactUpdate',
	taskUpdateComplete: 'taskUpdate',
};

export type ResourceKind = 'contact' | 'task' | 'property' | 'note';

export function resourceKindOf(family: EventFamily): ResourceKind {
	return family.replace(/(Create|Update|Delete)$/, '') as ResourceKind;
}

export function isDeleteEvent(family: EventFamily): boolean {
	return family.endsWith('Delete');
}

/**
 * The family a delivered EventType belongs to: the family itself, a documented sub-type, or an
 * undocumented sub-type that extends a family's name (e.g. a future `contactUpdateRank`).
 */
export function familyOf(eventType: string): EventFamily | undefined {
	if ((EVENT_FAMILIES as readonly string[]).includes(eventType)) return eventType as EventFamily;
	if (eventType in NARROWING_EVENTS) return NARROWING_EVENTS[eventType];
	return EVENT_FAMILIES.find((family) => eventType.startsWith(family));
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

export const eventOptions: INodePropertyOptions[] = [
	{ name: 'Contact Created', value: 'contactCreate' },
	{ name: 'Contact Deleted', value: 'contactDelete' },
	{
		name: 'Contact Updated',
		value: 'contactUpdate',
		description: 'Any change to a contact, including category, status and source changes',
	},
	{
		name: 'Contact Updated: Category Changed Only',
		value: 'contactUpdateCategory',
		description: 'Registers Contact Updated and keeps only deliveries of contactUpdateCategory',
	},
	{
		name: 'Contact Updated: Source Changed Only',
		value: 'contactUpdateSource',
		description: 'Registers Contact Updated and keeps only deliveries of contactUpdateSource',
	},
	{
		name: 'Contact Updated: Status Changed Only',
		value: 'contactUpdateStatus',
		description: 'Registers Contact Updated and keeps only deliveries of contactUpdateStatus',
	},
	{
		name: 'Note Created',
		value: 'noteCreate',
		description: 'Fires only for notes added by hand in the Wise Agent app',
	},
	{
		name: 'Note Updated',
		value: 'noteUpdate',
		description: 'Fires only for notes edited by hand in the Wise Agent app',
	},
	{ name: 'Property Created', value: 'propertyCreate' },
	{ name: 'Property Deleted', value: 'propertyDelete' },
	{ name: 'Property Updated', value: 'propertyUpdate' },
	{ name: 'Task Created', value: 'taskCreate' },
	{ name: 'Task Deleted', value: 'taskDelete' },
	{
		name: 'Task Updated',
		value: 'taskUpdate',
		description: 'Any change to a task, including completion',
	},
	{
		name: 'Task Updated: Completed Only',
		value: 'taskUpdateComplete',
		description: 'Registers Task Updated and keeps only deliveries of taskUpdateComplete',
	},
];
