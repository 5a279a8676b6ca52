import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { formatArizonaDateTime } from '../../helpers/dates';
import { invalidInput, requireDate } from '../../helpers/validation';
import { fetchList, limitRecords, readLimit } from '../listOperation';
import { readSimplify } from '../../helpers/parameters';
import type { WiseAgentOperation } from '../types';
import { simplifyEvent, withDecodedAttendees } from './calendar.requests';

export const getEvents: WiseAgentOperation = {
	option: {
		name: 'Get Many Events',
		value: 'getEvents',
		action: 'Get many calendar events',
		description: 'Calendar events between two dates, repeating events expanded into single ones',
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
		simplifyField,
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
		return limitRecords(events, limit).map(simplify ? simplifyEvent : withDecodedAttendees);
	},
};
