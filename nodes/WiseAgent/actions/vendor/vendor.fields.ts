import type { IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidInput, requireText } from '../../helpers/validation';

const VENDOR_ID = /^V?(\d{1,18})$/i;

/** A vendor id typed with or without its `V` prefix, returned as the API wants it: `V26855`. */
export function requireVendorId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = requireText(context, itemIndex, field, value, 20);
	const match = VENDOR_ID.exec(text);
	if (!match || /^0+$/.test(match[1])) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${describeValue(text)} is not a Wise Agent vendor ID`,
			'Use the vendor’s ID, e.g. V26855 or 26855.',
		);
	}
	return `V${match[1]}`;
}
