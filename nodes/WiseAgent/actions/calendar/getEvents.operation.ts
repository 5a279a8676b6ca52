import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { formatArizonaDateTime } from '../../helpers/dates';
import { invalidInput, requireDate } from '../../helpers/validation';
import { fetchList, limitRecords, readLimit } from '../listOperation';
import { readSimplify } from '../../helpers/parameters';
import type { WiseAgentOperation } from '../types';

export interface Attendee {
	type: 'client' | 'vendor';
	/** The number after the C/V letter. */
	id: string;
	/** The ID the Contact resource takes: `1234` for a client, `V567` for a vendor. */
	contactId: string;
}

/** `"C1234,V567"` → attendees; anything that is not C/V plus digits is skipped. */
function decodeAttendees(value: unknown): Attendee[] {
	if (typeof value !== 'string') return [];
	const attendees: Attendee[] = [];
	for (const part of value.split(',')) {
		const match = /^([CV])(\d+)$/i.exec(part.trim());
		if (!match) continue;
		const vendor = match[1].toUpperCase() === 'V';
		attendees.push({
			type: vendor ? 'vendor' : 'client',
			id: match[2],
			contactId: vendor ? `V${match[2]}` : match[2],
		});
	}
	return attendees;
}

export const getEvents: WiseAgentOperation = {
	option: {
		name: 'Get Many Events',
		value: 'getEvents',
		action: 'Get many calendar events',
		description:
			'Calendar events between two dates, repeating events expanded into single ones (getCalendar)',
	},
	scopes: ['calendar'],
	description: [
		{
			displayName: 'Start',
			name: 'startDate',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'Events from this time on. Read in the workflow’s time zone and sent as Arizona time (UTC−7), the clock Wise Agent’s calendar uses.',
		},
		{
			displayName: 'End',
			name: 'endDate',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'Events up to this time. Read in the workflow’s time zone and sent as Arizona time (UTC−7).',
		},
		...returnAllOrLimit(),
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to add "attendeeIds", the Attendees text ("C1234,V567") decoded into clients and vendors',
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const start = requireDate(
			this,
			itemIndex,
			'Start',
			this.getNodeParameter('startDate', itemIndex),
		);
		const end = requireDate(this, itemIndex, 'End', this.getNodeParameter('endDate', itemIndex));
		if (end.getTime() < start.getTime()) {
			throw invalidInput(this, itemIndex, 'End', 'must not be before Start');
		}
		const limit = readLimit(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		// getCalendar reads both dates as 24-hour Arizona time (UTC−7, no daylight saving).
		const events = await fetchList(this, itemIndex, 'getCalendar', {
			startDate: formatArizonaDateTime(start),
			endDate: formatArizonaDateTime(end),
		});
		const limited = limitRecords(events, limit);
		if (!simplify) return limited;
		return limited.map((event) => ({
			...event,
			attendeeIds: decodeAttendees(event.Attendees) as unknown as IDataObject[],
		}));
	},
};
