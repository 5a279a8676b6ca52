import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The event types a Wise Agent webhook subscribes to (POST `webhooks`, EventType), with their
 * names in the user's words. The one list of them in the nodes.
 */
export const WEBHOOK_EVENTS = [
	{ value: 'contactCreate', name: 'Contact Created' },
	{
		value: 'contactUpdate',
		name: 'Contact Updated',
		description: 'Any change to a contact, including category, status and source changes',
	},
	{ value: 'contactDelete', name: 'Contact Deleted' },
	{ value: 'taskCreate', name: 'Task Created' },
	{
		value: 'taskUpdate',
		name: 'Task Updated',
		description: 'Any change to a task, including completion',
	},
	{ value: 'taskDelete', name: 'Task Deleted' },
	{ value: 'propertyCreate', name: 'Property Created' },
	{ value: 'propertyUpdate', name: 'Property Updated' },
	{ value: 'propertyDelete', name: 'Property Deleted' },
	{
		value: 'noteCreate',
		name: 'Note Created',
		description: 'Fires only for notes added by hand in the Wise Agent app',
	},
	{
		value: 'noteUpdate',
		name: 'Note Updated',
		description: 'Fires only for notes edited by hand in the Wise Agent app',
	},
] as const satisfies readonly INodePropertyOptions[];

export type EventFamily = (typeof WEBHOOK_EVENTS)[number]['value'];

export const EVENT_FAMILIES: readonly EventFamily[] = WEBHOOK_EVENTS.map((event) => event.value);

/**
 * More specific EventTypes that Wise Agent puts in the delivery body of a family's webhook.
 * They cannot be subscribed to on their own.
 */
export const EVENT_SUB_TYPES = [
	{
		value: 'contactUpdateCategory',
		family: 'contactUpdate',
		change: 'Category Changed',
		description: 'Only when a contact’s categories change; other contact changes are skipped',
	},
	{
		value: 'contactUpdateStatus',
		family: 'contactUpdate',
		change: 'Status Changed',
		description: 'Only when a contact’s status changes; other contact changes are skipped',
	},
	{
		value: 'contactUpdateSource',
		family: 'contactUpdate',
		change: 'Source Changed',
		description: 'Only when a contact’s source changes; other contact changes are skipped',
	},
	{
		value: 'taskUpdateComplete',
		family: 'taskUpdate',
		change: 'Completed',
		description: 'Only when a task is completed; other task changes are skipped',
	},
] as const satisfies ReadonlyArray<{
	value: string;
	family: EventFamily;
	change: string;
	description: string;
}>;

/** The record kind a family's ResourceIds name. */
export type ResourceKind = 'contact' | 'task' | 'property' | 'note';

export function resourceKindOf(family: EventFamily): ResourceKind {
	return family.replace(/(Create|Update|Delete)$/, '') as ResourceKind;
}
