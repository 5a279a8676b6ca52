import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatIsoDateTimeInZone } from '../../helpers/dates';
import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, requireDate, requireText } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

/** addPlannerEvent's parts of a picked time, as the user sees it in `timeZone`. */
function plannerDateParts(
	instant: Date,
	timeZone: string,
): { date: string; time: string; amPm: 'AM' | 'PM' } {
	const [date, clock] = formatIsoDateTimeInZone(instant, timeZone).split(' ');
	const [hours, minutes] = clock.split(':').map(Number);
	const hour12 = hours % 12 === 0 ? 12 : hours % 12;
	return {
		date,
		time: `${String(hour12).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
		amPm: hours < 12 ? 'AM' : 'PM',
	};
}

export const createEvent: WiseAgentOperation = {
	option: {
		name: 'Create Event',
		value: 'createEvent',
		action: 'Create a calendar event',
		description: 'Add an event to the Wise Agent calendar (planner) (addPlannerEvent)',
	},
	// Documented as scope 'planner'; the OAuth scope list calls it 'calendar'.
	scopes: ['calendar'],
	description: [
		{
			displayName: 'Event Name',
			name: 'eventName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Showing at 12 Main St',
		},
		{
			displayName: 'Start',
			name: 'eventStart',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'Date and time the event starts (in the workflow’s time zone)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'End',
					name: 'eventEnd',
					type: 'dateTime',
					default: '',
					description: 'Date and time the event ends (in the workflow’s time zone)',
				},
			],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const timeZone = this.getTimezone();
		const eventName = requireText(
			this,
			itemIndex,
			'Event Name',
			this.getNodeParameter('eventName', itemIndex),
		);
		const start = requireDate(
			this,
			itemIndex,
			'Start',
			this.getNodeParameter('eventStart', itemIndex),
		);
		const startParts = plannerDateParts(start, timeZone);
		const form: IDataObject = {
			eventName,
			eventStartDate: startParts.date,
			eventStartTime: startParts.time,
			eventAMPM: startParts.amPm,
		};
		const additional = getCollection(this, itemIndex, 'additionalFields');
		if (additional.eventEnd) {
			const end = requireDate(this, itemIndex, 'End', additional.eventEnd);
			if (end.getTime() < start.getTime()) {
				throw invalidInput(this, itemIndex, 'End', 'must not be before Start');
			}
			const endParts = plannerDateParts(end, timeZone);
			form.eventEndDate = endParts.date;
			form.eventEndTime = endParts.time;
			form.eventEndAMPM = endParts.amPm;
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addPlannerEvent',
			form,
			itemIndex,
		});
		return successResult(body, { eventName });
	},
};
