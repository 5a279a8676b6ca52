import type { IDataObject } from 'n8n-workflow';

import { apiDateTimeToIso } from '../../helpers/apiDates';
import { flagOf, idOf, textOf } from '../../helpers/simplify';

interface Attendee {
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

/** Simplify off: the event as sent, plus `attendeeIds`, the Attendees text decoded. */
export function withDecodedAttendees(record: IDataObject): IDataObject {
	return { ...record, attendeeIds: decodeAttendees(record.Attendees) as unknown as IDataObject[] };
}

/**
 * A calendar event in its compact form (Simplify on). getCalendar's dates carry no zone and are
 * the account's Arizona time (the clock the request's startDate/endDate are read on).
 */
export function simplifyEvent(record: IDataObject): IDataObject {
	return {
		id: idOf(record.PlannerID),
		subject: textOf(record.Subject),
		notes: textOf(record.Memo),
		start: apiDateTimeToIso(record.StartDate, 'arizona'),
		end: apiDateTimeToIso(record.EndDate, 'arizona'),
		allDay: flagOf(record.AllDayEvent) ?? false,
		completed: flagOf(record.Completed) ?? false,
		location: textOf(record.location),
		teamMemberId: idOf(record.InsideTeamID),
		attendees: decodeAttendees(record.Attendees) as unknown as IDataObject[],
	};
}
