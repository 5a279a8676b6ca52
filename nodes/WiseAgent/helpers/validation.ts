import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toInstant } from './dates';

/**
 * Input checks run before any request is sent. Each error names the field (as the user sees
 * it in the node) and the item, so a bad row in a 500-item run is easy to find.
 */

export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${field}: ${problem} (item ${itemIndex})`, {
		itemIndex,
		description,
	});
}

const CONTACT_ID = /^V?\d+$/i;
const NUMERIC_ID = /^\d+$/;

/** The trimmed value when it matches `pattern`; otherwise an input error naming the field. */
function requireIdText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	pattern: RegExp,
	kind: string,
	hint?: string,
): string {
	const text = String(value ?? '').trim();
	if (!pattern.test(text)) {
		const problem = text === '' ? 'is required' : `"${text}" is not ${kind}`;
		throw invalidInput(context, itemIndex, field, problem, hint);
	}
	return text;
}

/** A client id (`1822535`) or a vendor id (`V26855`), normalised to upper-case `V`. */
export function requireContactId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	return requireIdText(
		context,
		itemIndex,
		field,
		value,
		CONTACT_ID,
		'a Wise Agent contact ID',
		'Use a numeric client ID such as 1822535, or a vendor ID with a V prefix such as V26855.',
	).toUpperCase();
}

/** A numeric record id (notes, tasks, calls, properties, webhooks...). */
export function requireNumericId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	return requireIdText(context, itemIndex, field, value, NUMERIC_ID, 'a numeric ID');
}

export function requireText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw invalidInput(context, itemIndex, field, 'is required');
	return text;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: string,
) {
	if (value !== '' && !EMAIL.test(value)) {
		throw invalidInput(context, itemIndex, field, `"${value}" is not a valid email address`);
	}
}

/** Enforces the documented length limits (e.g. property fields) before sending. */
export function checkMaxLengths(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	limits: Record<string, { label: string; max: number }>,
) {
	for (const [key, limit] of Object.entries(limits)) {
		const value = fields[key];
		if (value === undefined || value === null) continue;
		const length = String(value).length;
		if (length > limit.max) {
			throw invalidInput(
				context,
				itemIndex,
				limit.label,
				`is ${length} characters long; Wise Agent accepts at most ${limit.max}`,
			);
		}
	}
}

/** Parses a date parameter (picker or expression) in the workflow's time zone. */
export function requireDate(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): Date {
	const instant = toInstant(value, context.getTimezone());
	if (!instant) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`"${String(value)}" is not a date Wise Agent can read`,
			'Pick a date, or use an ISO date such as 2024-05-14T10:00:00 or 2024-05-14.',
		);
	}
	return instant;
}

/** Splits a comma-separated list or an array into trimmed, non-empty strings. */
export function toList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

/** Copies the non-empty entries, so optional fields the user left blank are not sent. */
export function withoutEmpty(fields: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		result[key] = value;
	}
	return result;
}

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
