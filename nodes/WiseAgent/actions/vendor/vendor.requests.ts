import type { IDataObject } from 'n8n-workflow';

import { decodedList, textOf } from '../../helpers/simplify';

/**
 * A vendor in its compact form (Simplify on). getSingleContact answers a vendor without its ID,
 * so the ID read is passed as `vendorId` when the record lacks one.
 */
export function simplifyVendor(record: IDataObject, vendorId?: string): IDataObject {
	return {
		id: textOf(record.ClientID) ?? vendorId ?? null,
		company: textOf(record.Company),
		contactName: textOf(record.ContactName),
		alternateContact: textOf(record.AlternateContact),
		type: textOf(record.Type),
		email: textOf(record.Email),
		phone: textOf(record.Phone),
		address: textOf(record.Address),
		categories: decodedList(record, 'Categories').map(String),
	};
}
