import type { INodeTypeDescription } from 'n8n-workflow';

import { WiseAgent } from '../../nodes/WiseAgent/WiseAgent.node';
import { WiseAgentPollTrigger } from '../../nodes/WiseAgentPollTrigger/WiseAgentPollTrigger.node';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';

/**
 * How n8n 2.40's node panel groups these nodes (editor-ui, useActionsGenerator): a trigger whose
 * type name minus "Trigger" is a regular node's joins that node's app; a trigger's parameter
 * displayed as "Event", "Events" or "Trigger On" becomes its list of actions, and a trigger with
 * two or more actions that joins no app is shown as an app of its own, named without "Trigger".
 */
const TRIGGER_ACTION_LABELS = ['event', 'events', 'trigger on'];

function triggerActionParameter(description: INodeTypeDescription) {
	return description.properties.find((p) =>
		TRIGGER_ACTION_LABELS.includes(p.displayName.toLowerCase()),
	);
}

/** A subtitle expression evaluated the way the canvas does, with only `$parameter`. */
function subtitle(description: INodeTypeDescription, parameters: Record<string, unknown>): string {
	const expression = String(description.subtitle);
	expect(expression.startsWith('={{') && expression.endsWith('}}')).toBe(true);
	const body = expression.slice(3, -2);
	return new Function('$parameter', `return (${body});`)(parameters) as string;
}

const app = new WiseAgent().description;
const webhook = new WiseAgentTrigger().description;
const poll = new WiseAgentPollTrigger().description;

describe('the triggers in n8n’s node panel', () => {
	it('keeps the saved type names', () => {
		expect([app.name, webhook.name, poll.name]).toEqual([
			'wiseAgent',
			'wiseAgentTrigger',
			'wiseAgentPollTrigger',
		]);
	});

	it('the webhook trigger joins the Wise Agent app, its events as the app’s trigger actions', () => {
		expect(webhook.name.replace('Trigger', '')).toBe(app.name);
		expect(triggerActionParameter(webhook)?.name).toBe('events');
	});

	it('the polling trigger is one node, Wise Agent Poll Trigger, not an app without actions', () => {
		expect(triggerActionParameter(poll)).toBeUndefined();
		expect(poll.displayName).toBe('Wise Agent Poll Trigger');
		// its parameters keep their saved names under the new labels
		expect(poll.properties.find((p) => p.name === 'event')?.displayName).toBe('Record Type');
		expect(poll.properties.find((p) => p.name === 'change')?.displayName).toBe('Watch For');
	});

	it('tells the two apart in their descriptions', () => {
		expect(webhook.description).toMatch(/public URL/);
		expect(poll.description).toMatch(/on a schedule/);
	});
});

describe('canvas subtitles', () => {
	it('the webhook trigger names its events as the Events dropdown does', () => {
		expect(subtitle(webhook, { events: ['contactCreate', 'taskUpdateComplete'] })).toBe(
			'Contact Created, Task Updated: Completed Only',
		);
		expect(subtitle(webhook, { events: ['somethingNew'] })).toBe('somethingNew');
		expect(subtitle(webhook, { events: [] })).toBe('');
	});

	it('the polling trigger says what it watches', () => {
		expect(subtitle(poll, { event: 'contact', change: 'new' })).toBe('New contacts');
		expect(subtitle(poll, { event: 'task', change: 'newOrUpdated' })).toBe('New or updated tasks');
		expect(subtitle(poll, { event: 'property', change: 'newOrUpdated' })).toBe('New properties');
		expect(subtitle(poll, { event: 'contact' })).toBe('New contacts');
	});
});
