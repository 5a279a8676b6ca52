import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ChangeAxis } from '../WiseAgent/helpers/changeWindow';
import { applyChanges, newCursor, windowStart } from '../WiseAgent/helpers/changeWindow';
import { decodeJsonStringFields } from '../WiseAgent/helpers/simplify';
import type { ChangeSource } from '../WiseAgent/transport';
import { CHANGE_SOURCES, changeItem } from '../WiseAgent/transport';
import type { PollChange, PollCursor, PollEvent } from './sources';
import { latestBy, latestContact, migrateCursor, pollSource } from './sources';

interface PollStaticData extends IDataObject {
	cursor?: PollCursor | (IDataObject & { key: string });
}

export class WiseAgentPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wise Agent Poll Trigger',
		name: 'wiseAgentPollTrigger',
		icon: { light: 'file:wiseAgent.svg', dark: 'file:wiseAgent.dark.svg' },
		group: ['trigger'],
		version: 1,
		// "New contacts", "New or updated tasks", "New properties" (properties: new only)
		subtitle:
			'={{ ($parameter["event"] === "property" || ($parameter["change"] || "new") === "new" ? "New " : "New or updated ") + (({ contact: "contacts", property: "properties", task: "tasks" })[$parameter["event"]] || $parameter["event"]) }}',
		description:
			'Checks Wise Agent on a schedule for new or updated contacts, tasks and properties (no public URL needed)',
		defaults: { name: 'Wise Agent Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wiseAgentOAuth2Api', required: true }],
		// Not "Event" / "Trigger On": n8n's node panel turns a trigger's parameter of that name into
		// actions and lists the node as an app of its own ("Wise Agent Poll") whose actions it then
		// cannot show after another node. Without one it is one node: Wise Agent Poll Trigger.
		properties: [
			{
				displayName: 'Record Type',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				description: 'Which Wise Agent records to check for changes',
				options: [
					{
						name: 'Contact',
						value: 'contact',
						description: 'Contacts added or changed since the last check',
					},
					{
						name: 'Property',
						value: 'property',
						description: 'Properties added since the last check',
					},
					{
						name: 'Task',
						value: 'task',
						description: 'Tasks added or changed (the whole task list is read on each poll)',
					},
				],
				default: 'contact',
			},
			{
				displayName: 'Watch For',
				name: 'change',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { event: ['contact', 'task'] } },
				options: [
					{
						name: 'New Only',
						value: 'new',
						description: 'Records created since the last check',
					},
					{
						name: 'New or Updated',
						value: 'newOrUpdated',
						description: 'Records created or changed since the last check',
					},
				],
				default: 'new',
			},
			{
				displayName:
					'Wise Agent gives properties no update time, so only new properties can be detected',
				name: 'propertyNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['property'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Overlap (Minutes)',
						name: 'overlapMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 2,
						description:
							'Each check looks this far back before the previous one, to catch records saved while it ran and clock differences. Records already emitted are not emitted again.',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: true,
						displayOptions: { show: { '/event': ['contact'] } },
						description:
							'Whether to decode the contact fields that Wise Agent sends as JSON text (Categories, team assignments, custom data)',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as PollEvent;
		const change: PollChange =
			event === 'property' ? 'new' : (this.getNodeParameter('change', 'new') as PollChange);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const source = CHANGE_SOURCES[pollSource(event, change)];
		const overlapMs = Math.max(1, Number(options.overlapMinutes ?? 2)) * 60_000;
		// Properties overlap by id, not by time.
		const axis: ChangeAxis =
			event === 'property' ? source.axis : { ...source.axis, overlap: overlapMs };
		const simplify = options.simplify !== false;
		const toItems = (changes: Array<{ key: string; record: IDataObject }>) =>
			changes.length === 0
				? null
				: [
						changes.map(({ record }) => ({
							json: {
								...changeItem(source, record),
								record: event === 'contact' && simplify ? decodeJsonStringFields(record) : record,
							},
						})),
					];

		// A manual run shows the latest record, so fields can be mapped; it leaves the state alone.
		if (this.getMode() === 'manual') {
			const latest = await latestRecord.call(this, source, event, change);
			return toItems(latest ? [latest] : []);
		}

		const data = this.getWorkflowStaticData('node') as PollStaticData;
		const key = `${event}:${change}`;
		const saved = data.cursor?.key === key ? migrateCursor(data.cursor, overlapMs) : undefined;
		// First run: what exists already is not new; the first window only learns it.
		const feed = saved ?? newCursor(Date.now() - source.firstWindow);
		const read = await source.read(this, windowStart(feed, axis), Infinity, saved === undefined);
		const outcome = applyChanges(
			feed,
			read.changes.map((c) => ({ ...c, value: { key: c.key, record: c.value } })),
			axis,
			{ emit: saved !== undefined },
		);
		data.cursor = { key, feed: outcome.cursor };
		return toItems(outcome.emitted);
	}
}

async function latestRecord(
	this: IPollFunctions,
	source: ChangeSource,
	event: PollEvent,
	change: PollChange,
): Promise<{ key: string; record: IDataObject } | undefined> {
	if (event === 'contact') {
		const record = await latestContact.call(this, change, Date.now());
		return record ? { key: String(record.ClientID ?? record.ClientId ?? ''), record } : undefined;
	}
	const { changes } = await source.read(this, -Infinity, Infinity, true);
	const latest = latestBy(changes, (c) => c.time);
	return latest ? { key: latest.key, record: latest.value } : undefined;
}
