import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, requireText } from '../../helpers/validation';

/** Whether `text` is an absolute http:// or https:// URL. */
export function isHttpUrl(text: string): boolean {
	try {
		const { protocol } = new URL(text);
		return protocol === 'https:' || protocol === 'http:';
	} catch {
		return false;
	}
}

/** A required absolute http(s) URL (file to attach, webhook target…). */
export function requireHttpUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	description?: string,
): string {
	const text = requireText(context, itemIndex, field, value);
	if (!isHttpUrl(text)) {
		throw invalidInput(context, itemIndex, field, `"${text}" is not an http(s) URL`, description);
	}
	return text;
}
