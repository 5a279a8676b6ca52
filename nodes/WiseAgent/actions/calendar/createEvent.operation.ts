import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { arizonaPlannerParts, formatIsoDateInZone } from '../../helpers/dates';
import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import {
	NAME_MAX,
	addedDate,
	invalidInput,
	readBoolean,
	requireDateInput,
	requireText,
} from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';

/**
 * addPlannerEvent documents no time zone for eventStartTime; everything zoned in the docs
 * (getCalendar, dtupdated) is Arizona time, and getCalendar reads the events back in Arizona
 * time. So a time is sent as the Arizona wall time of the instant the user picked. An all-day
 * event sends dates only (eventStartTime is optional in the docs): the calendar day the user
 * picked, in the workflow's time zone.
 */
export const createEvent: WiseAgentOperation = {
	option: {
		name: 'Create Event',
		value: 'createEvent',
		action: 'Create a calendar event',
		description: 'Add an event to the Wise Agent calendar',
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
			description: `At most ${NAME_MAX} characters`,
		},
		{
			displayName: 'Start',
			name: 'eventStart',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'When the event starts, read in the workflow’s time zone and sent to Wise Agent as the same moment in Arizona time (UTC−7), the clock its calendar keeps. A date without a time (e.g. 2024-05-14) makes an all-day event.',
		},
		{
			displayName: 'All Day',
			name: 'allDay',
			type: 'boolean',
			default: false,
			description:
				'Whether the event lasts the whole day: only the dates of Start and End (in the workflow’s time zone) are sent, no times',
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
					description:
						'When the event ends, read in the workflow’s time zone and sent as Arizona time (UTC−7), like Start',
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
			NAME_MAX,
		);
		const start = requireDateInput(
			this,
			itemIndex,
			'Start',
			this.getNodeParameter('eventStart', itemIndex),
		);
		const allDay =
			readBoolean(this, itemIndex, 'All Day', this.getNodeParameter('allDay', itemIndex, false)) ||
			!start.hasTime;
		const additional = getCollection(this, itemIndex, 'additionalFields');
		const end = addedDate(this, itemIndex, 'End', additional.eventEnd);

		const form: IDataObject = { eventName };
		if (allDay) {
			form.eventStartDate = formatIsoDateInZone(start.instant, timeZone);
			if (end) {
				form.eventEndDate = formatIsoDateInZone(end, timeZone);
				if (form.eventEndDate < form.eventStartDate) {
					throw invalidInput(this, itemIndex, 'End', 'must not be before Start');
				}
			}
		} else {
			const startParts = arizonaPlannerParts(start.instant);
			form.eventStartDate = startParts.date;
			form.eventStartTime = startParts.time;
			form.eventAMPM = startParts.amPm;
			if (end) {
				if (end.getTime() < start.instant.getTime()) {
					throw invalidInput(this, itemIndex, 'End', 'must not be before Start');
				}
				const endParts = arizonaPlannerParts(end);
				form.eventEndDate = endParts.date;
				form.eventEndTime = endParts.time;
				form.eventEndAMPM = endParts.amPm;
			}
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'addPlannerEvent',
			form,
			itemIndex,
		});
		return successResult(body, { eventName, ...(allDay ? { allDay: true } : {}) });
	},
};
