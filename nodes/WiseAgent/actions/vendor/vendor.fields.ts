import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../helpers/validation';

const VENDOR_ID = /^V?(\d+)$/i;

/** A vendor id typed with or without its `V` prefix, returned as the API wants it: `V26855`. */
export function requireVendorId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = String(value ?? '').trim();
	const match = VENDOR_ID.exec(text);
	if (!match) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			text === '' ? 'is required' : `"${text}" is not a Wise Agent vendor ID`,
			'Use the vendor’s ID, e.g. V26855 or 26855.',
		);
	}
	return `V${match[1]}`;
}
