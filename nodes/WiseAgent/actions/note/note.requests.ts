import type { IDataObject } from 'n8n-workflow';

import { apiDateTimeToIso } from '../../helpers/apiDates';
import { decodedList, idOf, textOf } from '../../helpers/simplify';

/**
 * A note in its compact form (Simplify on). NoteDate carries no zone: like the other display
 * dates it is read as the account's Arizona time. insideteamid 0 means "all" (no one member).
 */
export function simplifyNote(record: IDataObject): IDataObject {
	return {
		id: idOf(record.NoteID),
		contactId: idOf(record.ClientID),
		subject: textOf(record.Subject),
		text: textOf(record.Note),
		categories: decodedList(record, 'Categories').map(String),
		teamMemberId: idOf(record.insideteamid ?? record.InsideTeamId),
		createdAt: apiDateTimeToIso(record.NoteDate, 'arizona'),
	};
}
