import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { simplifyRecords } from '../WiseAgent/helpers/simplify';
import type { PollChange, PollCursor, PollEvent, PollOutcome, PollSettings } from './sources';
import {
	PROPERTY_ID_OVERLAP,
	aboveWatermark,
	fetchAllTasks,
	fetchNewestProperties,
	fetchPropertiesAbove,
	latestBy,
	latestContact,
	pollContacts,
	propertyKey,
	propertyValue,
	taskKey,
	taskValue,
} from './sources';

interface PollStaticData extends IDataObject {
	cursor?: PollCursor;
}

export class WiseAgentPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wise Agent Poll Trigger',
		name: 'wiseAgentPollTrigger',
		icon: 'file:wiseAgent.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] + ": " + ($parameter["change"] ?? "new") }}',
		description:
			'Checks Wise Agent on a schedule for new or updated contacts, tasks and properties (no public URL needed)',
		defaults: { name: 'Wise Agent Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wiseAgentOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Contact',
						value: 'contact',
						description: 'Contacts added or changed (getContacts by DateUpdatedUTC)',
					},
					{
						name: 'Property',
						value: 'property',
						description: 'Properties added (getProperties, by PropertyID)',
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
				displayName: 'Trigger On',
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
		const settings: PollSettings = {
			event,
			change,
			overlapMs: Math.max(1, Number(options.overlapMinutes ?? 2)) * 60_000,
			now: Date.now(),
		};
		const simplify = options.simplify !== false;
		const output = (records: IDataObject[]) =>
			records.length === 0
				? null
				: [
						this.helpers.returnJsonArray(
							event === 'contact' ? simplifyRecords(records, simplify) : records,
						),
					];

		// A manual run shows the latest record, so fields can be mapped; it leaves the state alone.
		if (this.getMode() === 'manual') {
			const latest = await latestRecord.call(this, settings);
			return output(latest ? [latest] : []);
		}

		const data = this.getWorkflowStaticData('node') as PollStaticData;
		const key = `${event}:${change}`;
		const previous = data.cursor?.key === key ? data.cursor : undefined;
		const outcome = await check.call(this, settings, previous ?? { key, seen: {} });
		data.cursor = outcome.cursor;
		// First run: start from now; what exists already is not "new".
		return previous ? output(outcome.records) : null;
	}
}

async function check(
	this: IPollFunctions,
	settings: PollSettings,
	cursor: PollCursor,
): Promise<PollOutcome> {
	if (settings.event === 'contact') {
		// First run: nothing is read, the window simply starts now.
		if (cursor.lastPollAt === undefined) {
			return { records: [], cursor: { key: cursor.key, lastPollAt: settings.now, seen: {} } };
		}
		return await pollContacts.call(this, settings, cursor);
	}
	if (settings.event === 'task') {
		const overlap = settings.overlapMs;
		return aboveWatermark(
			await fetchAllTasks.call(this),
			cursor,
			taskValue(settings.change),
			taskKey(settings.change),
			overlap,
		);
	}
	const isFirstRun = cursor.watermark === undefined;
	const properties = isFirstRun
		? await fetchNewestProperties.call(this)
		: await fetchPropertiesAbove.call(
				this,
				cursor.watermark === null ? -Infinity : cursor.watermark! - PROPERTY_ID_OVERLAP,
			);
	return aboveWatermark(properties, cursor, propertyValue, propertyKey, PROPERTY_ID_OVERLAP);
}

async function latestRecord(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<IDataObject | undefined> {
	if (settings.event === 'contact') return await latestContact.call(this, settings);
	if (settings.event === 'task') {
		return latestBy(await fetchAllTasks.call(this), taskValue(settings.change));
	}
	return latestBy(await fetchNewestProperties.call(this), propertyValue);
}
