import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParsedDate } from './dates';
import { parseDateInput } from './dates';

/**
 * Input checks run before any request is sent. Each error names the field (as the user sees
 * it in the node) and the item, so a bad row in a 500-item run is easy to find. A value is
 * either valid for its field and sent as typed (trimmed at both ends), or rejected: nothing is
 * silently converted, dropped or turned into another filter.
 *
 * Empty values. n8n hands the node a field's typed value or its expression's result, and the
 * two look the same, so the rule depends on where the field is:
 * - Required fields: missing, empty or whitespace only → "is required".
 * - Optional top-level fields (always present, default ''): '' means "not sent" — the user left
 *   the field as it was. Whitespace only is an error: nobody types only spaces, an expression
 *   produced them.
 * - Fields inside a collection (Additional Fields, Update Fields, Filters, Options) exist only
 *   when the user added them, so an added field must hold a value: '' or whitespace is an error
 *   ("remove the field or give it a value"), never a dropped filter — an empty Updated Since once
 *   returned every contact. Exceptions are stated where they apply (Content Update sends a
 *   blank Category or Subject because that clears them; Update Custom Field clears a value only
 *   with Clear Value on).
 * - Wrong types are errors wherever they appear: null, NaN, ±Infinity, objects, arrays where one
 *   value is expected, booleans where text is expected. A finite number is accepted as text
 *   when it prints without an exponent (an expression reading a phone column yields a number);
 *   text is accepted as a number only when it is a plain decimal ("42", "-3.5"), never
 *   "1,000", "abc" or "1e3".
 * Bounds: every text has a maximum length (the documented limit where there is one, otherwise
 * the field's nature or TEXT_MAX). NUL and the other control characters except tab, CR and LF
 * are rejected, and so are lone UTF-16 surrogates: an encoder would replace them, so they could
 * not be sent as typed.
 */

/** Default cap for text the docs give no limit for. */
export const TEXT_MAX = 4000;
/** Names, titles, address parts, search terms: one line of text. */
export const NAME_MAX = 255;
/** Note bodies and HTML: the API is a classic ASP page, whose default request limit is 200 KB. */
export const LONG_TEXT_MAX = 50_000;
/** RFC 5321: an address is at most 254 characters. */
export const EMAIL_MAX = 254;
export const URL_MAX = 2048;
/** Wise Agent IDs are database integers; more digits than this is not an ID. */
const ID_MAX_DIGITS = 18;

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

/** A short, safe description of a value for an error message. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') {
		const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
		return JSON.stringify(shown);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return `an ${typeof value === 'object' ? 'object' : typeof value}`;
}

/** The text of a scalar the user can mean as text; undefined for any other value. */
function scalarText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value) && !/e/i.test(String(value))) {
		return String(value);
	}
	return undefined;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Length, control characters and well-formedness of a text that is about to be sent. */
export function checkTextContent(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	text: string,
	max = TEXT_MAX,
) {
	if (text.length > max) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`is ${text.length} characters long; at most ${max} are accepted`,
		);
	}
	if (CONTROL_CHARACTER.test(text)) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			'contains a control character (such as NUL); only tab and line breaks are allowed',
		);
	}
	if (LONE_SURROGATE.test(text)) {
		throw invalidInput(context, itemIndex, field, 'contains an invalid (unpaired) character');
	}
}

/**
 * Where a field sits decides what an empty value means (see the rule above):
 * `required` → "is required"; `optional` (top-level, default '') → not sent;
 * `added` (inside a collection) → an error, the field was added to hold a value.
 */
export type Presence = 'required' | 'optional' | 'added';

function emptyProblem(presence: Presence, whitespace: boolean): string | undefined {
	if (presence === 'required') return 'is required';
	if (presence === 'added') return 'is empty: give it a value or remove the field';
	return whitespace ? 'contains only spaces: leave it empty or give a value' : undefined;
}

/** Reads one text value by its presence rule; undefined means "not sent". */
export function readText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
	max = TEXT_MAX,
): string | undefined {
	if (value === undefined || value === '') {
		if (presence === 'added' && value === undefined) return undefined;
		const problem = emptyProblem(presence, false);
		if (problem) throw invalidInput(context, itemIndex, field, problem);
		return undefined;
	}
	const raw = scalarText(value);
	if (raw === undefined) {
		throw invalidInput(context, itemIndex, field, `expects text, got ${describeValue(value)}`);
	}
	const text = raw.trim();
	if (text === '') {
		throw invalidInput(context, itemIndex, field, emptyProblem(presence, true)!);
	}
	checkTextContent(context, itemIndex, field, text, max);
	return text;
}

export function requireText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	max = TEXT_MAX,
): string {
	return readText(context, itemIndex, field, value, 'required', max)!;
}

/** A top-level optional text field: '' is "not sent". */
export function optionalText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	max = TEXT_MAX,
): string | undefined {
	return readText(context, itemIndex, field, value, 'optional', max);
}

/** A text field of a collection: absent is "not sent", present must hold a value. */
export function addedText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	max = TEXT_MAX,
): string | undefined {
	return readText(context, itemIndex, field, value, 'added', max);
}

export interface NumberRange {
	min: number;
	max: number;
	/** Whole numbers only (the API stores an integer). */
	integer?: boolean;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** A number within `range`: a number, or text that is a plain decimal number. */
export function readNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
	range: NumberRange,
): number | undefined {
	if (value === undefined || value === '') {
		if (presence === 'added' && value === undefined) return undefined;
		const problem = emptyProblem(presence, false);
		if (problem) throw invalidInput(context, itemIndex, field, problem);
		return undefined;
	}
	let number: number | undefined;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && PLAIN_DECIMAL.test(value.trim())) number = Number(value);
	const kind = range.integer ? 'a whole number' : 'a number';
	const span = `${kind} from ${range.min.toLocaleString('en-US')} to ${range.max.toLocaleString('en-US')}`;
	if (number === undefined || !Number.isFinite(number)) {
		throw invalidInput(context, itemIndex, field, `${describeValue(value)} is not ${span}`);
	}
	if ((range.integer && !Number.isInteger(number)) || number < range.min || number > range.max) {
		throw invalidInput(context, itemIndex, field, `${describeValue(value)} is not ${span}`);
	}
	return number;
}

/** A boolean: true/false, or the text "true"/"false" an expression may give. */
export function readBoolean(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	fallback?: boolean,
): boolean {
	if (value === undefined && fallback !== undefined) return fallback;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
		return value.trim().toLowerCase() === 'true';
	}
	throw invalidInput(
		context,
		itemIndex,
		field,
		`expects true or false, got ${describeValue(value)}`,
	);
}

/** One of a fixed list of option values (an expression can give anything). */
export function requireOption<T extends string | number>(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	const match = allowed.find(
		(option) =>
			option === value ||
			(typeof option === 'number' && typeof value === 'string' && String(option) === value.trim()),
	);
	if (match === undefined) {
		const list = allowed.map((option) => String(option)).join(', ');
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${describeValue(value)} is not one of the options (${list})`,
		);
	}
	return match;
}

const CONTACT_ID = /^V?\d+$/i;
const NUMERIC_ID = /^\d+$/;

/** The trimmed value when it matches `pattern`; otherwise an input error naming the field. */
function readIdText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
	pattern: RegExp,
	kind: string,
	hint?: string,
): string | undefined {
	if (value === undefined || value === '') {
		if (presence === 'added' && value === undefined) return undefined;
		const problem = emptyProblem(presence, false);
		if (problem) throw invalidInput(context, itemIndex, field, problem, hint);
		return undefined;
	}
	const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof raw !== 'string') {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`expects ${kind}, got ${describeValue(value)}`,
			hint,
		);
	}
	const text = raw.trim();
	if (text === '')
		throw invalidInput(context, itemIndex, field, emptyProblem(presence, true)!, hint);
	const digits = text.replace(/^V/i, '');
	if (!pattern.test(text) || digits.length > ID_MAX_DIGITS || /^0+$/.test(digits)) {
		throw invalidInput(context, itemIndex, field, `${describeValue(text)} is not ${kind}`, hint);
	}
	return text;
}

const CONTACT_ID_KIND = 'a Wise Agent contact ID';
const CONTACT_ID_HINT =
	'Use a numeric client ID such as 1822535, or a vendor ID with a V prefix such as V26855.';

/** A client id (`1822535`) or a vendor id (`V26855`), normalised to upper-case `V`. */
export function requireContactId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	return readIdText(
		context,
		itemIndex,
		field,
		value,
		'required',
		CONTACT_ID,
		CONTACT_ID_KIND,
		CONTACT_ID_HINT,
	)!.toUpperCase();
}

/** An optional contact (top-level locator left empty → undefined). */
export function optionalContactId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string | undefined {
	return readIdText(
		context,
		itemIndex,
		field,
		value,
		'optional',
		CONTACT_ID,
		CONTACT_ID_KIND,
		CONTACT_ID_HINT,
	)?.toUpperCase();
}

/** A numeric record id (notes, tasks, calls, properties, webhooks...). */
export function requireNumericId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	return readIdText(context, itemIndex, field, value, 'required', NUMERIC_ID, 'a numeric ID')!;
}

/** A numeric id that may be absent, by its presence rule. */
export function readNumericId(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
): string | undefined {
	return readIdText(context, itemIndex, field, value, presence, NUMERIC_ID, 'a numeric ID');
}

/**
 * The picked contact plus Additional Contact IDs (comma-separated text or an array from an
 * expression), each checked, without duplicates. A null, an object or an empty entry is an
 * error, never skipped: the request would otherwise reach fewer contacts than asked for.
 */
export function contactIdList(
	context: IExecuteFunctions,
	itemIndex: number,
	pickedId: string,
	additional: unknown,
): string[] {
	const field = 'Additional Contact IDs';
	const extra = readList(context, itemIndex, field, additional, 'optional', { max: 20 });
	const ids = [pickedId, ...extra.map((id) => requireContactId(context, itemIndex, field, id))];
	return [...new Set(ids)];
}

export interface ListOptions {
	/** Maximum length of one entry. */
	max?: number;
	/** Maximum number of entries. */
	maxEntries?: number;
	/**
	 * The character the API splits the list on (',' for CSVs, ';' for webcontact Categories):
	 * an entry holding it would silently become two entries, so it is rejected.
	 */
	separator?: string;
}

/**
 * A list given as an array (multi-select, expression) or as comma-separated text. Each entry
 * is text, trimmed; an empty entry ("a,,b") is an error, not skipped.
 */
export function readList(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
	options: ListOptions = {},
): string[] {
	const { max = NAME_MAX, maxEntries = 500, separator = ',' } = options;
	if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
		if (presence === 'added' && value === undefined) return [];
		const problem = presence === 'optional' ? undefined : emptyProblem(presence, false);
		if (problem) throw invalidInput(context, itemIndex, field, problem);
		return [];
	}
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') {
		if (value.trim() === '') {
			throw invalidInput(
				context,
				itemIndex,
				field,
				emptyProblem(presence, true) ?? 'contains only spaces',
			);
		}
		entries = value.split(',');
	} else {
		entries = [value];
	}
	if (entries.length > maxEntries) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`has ${entries.length} entries; at most ${maxEntries} are accepted`,
		);
	}
	return entries.map((entry, position) => {
		const raw = scalarText(entry);
		if (raw === undefined) {
			throw invalidInput(
				context,
				itemIndex,
				field,
				`expects text entries, got ${describeValue(entry)}`,
			);
		}
		const text = raw.trim();
		if (text === '') {
			throw invalidInput(context, itemIndex, field, `entry ${position + 1} is empty`);
		}
		if (text.includes(separator)) {
			throw invalidInput(
				context,
				itemIndex,
				field,
				`entry ${describeValue(text)} contains "${separator}", which Wise Agent reads as a separator`,
			);
		}
		checkTextContent(context, itemIndex, field, text, max);
		return text;
	});
}

/** Splits a comma-separated list or an array into trimmed, non-empty strings (trusted values). */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value : String(value).split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: string,
) {
	if (value === '') return;
	if (value.length > EMAIL_MAX) {
		throw invalidInput(context, itemIndex, field, `is longer than ${EMAIL_MAX} characters`);
	}
	if (!EMAIL.test(value)) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${describeValue(value)} is not a valid email address`,
		);
	}
}

/** An email address by its presence rule. */
export function readEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
): string | undefined {
	const text = readText(context, itemIndex, field, value, presence, EMAIL_MAX);
	if (text !== undefined) checkEmail(context, itemIndex, field, text);
	return text;
}

/**
 * A phone number to search by. getContacts/getVendors match digits only, so the usual
 * punctuation (spaces, + - . ( )) is removed; letters are an error, not dropped.
 */
export function requirePhoneDigits(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = requireText(context, itemIndex, field, value, 50);
	if (!/^[\d\s+\-.()]+$/.test(text)) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${describeValue(text)} is not a phone number (digits, spaces and + - . ( ) only)`,
		);
	}
	const digits = text.replace(/\D/g, '');
	if (digits.length === 0 || digits.length > 15) {
		throw invalidInput(context, itemIndex, field, 'needs 1 to 15 digits');
	}
	return digits;
}

const US_ZIP = /^\d{5}(-\d{4})?$/;

/**
 * A US ZIP code, `02134` or ZIP+4 `02134-1234`, sent as typed (text keeps the leading zero). A
 * number is accepted only when it has five digits: `2134` has lost its leading zero.
 */
export function readUsZip(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
): string | undefined {
	if (typeof value === 'number' && !(Number.isInteger(value) && value >= 10000 && value <= 99999)) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${describeValue(value)} is not a ZIP code`,
			'Give the ZIP code as text, e.g. "02134" or "02134-1234" (a number loses its leading zero).',
		);
	}
	const text = readText(context, itemIndex, field, value, presence, 10);
	if (text !== undefined && !US_ZIP.test(text)) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${describeValue(text)} is not a ZIP code (5 digits, or ZIP+4 like 02134-1234)`,
		);
	}
	return text;
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

const DATE_HINT =
	'Pick a date, or use ISO 8601 such as 2024-05-14T10:00:00 or 2024-05-14 (optionally with Z or an offset), or MM/DD/YYYY HH:mm.';

/**
 * Parses a date parameter (picker or expression) by its presence rule, telling whether it
 * carried a time of day. Undefined means "not sent".
 */
export function readDateInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
): ParsedDate | undefined {
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
		if (presence === 'added' && value === undefined) return undefined;
		if (presence === 'optional' && value === '') return undefined;
		const problem = emptyProblem(presence, value !== '' && value !== undefined)!;
		throw invalidInput(context, itemIndex, field, problem, DATE_HINT);
	}
	const parsed = parseDateInput(value, context.getTimezone());
	if ('problem' in parsed) throw invalidInput(context, itemIndex, field, parsed.problem, DATE_HINT);
	return parsed;
}

export function requireDateInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): ParsedDate {
	return readDateInput(context, itemIndex, field, value, 'required')!;
}

/** Parses a required date parameter (picker or expression) in the workflow's time zone. */
export function requireDate(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): Date {
	return requireDateInput(context, itemIndex, field, value).instant;
}

/** A date of a collection: absent → undefined; present must be a date ('' is an error). */
export function addedDate(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): Date | undefined {
	return readDateInput(context, itemIndex, field, value, 'added')?.instant;
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

/** An absolute http(s) URL by its presence rule (file to attach, webhook target…). */
export function readHttpUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	presence: Presence,
	description?: string,
): string | undefined {
	const text = readText(context, itemIndex, field, value, presence, URL_MAX);
	if (text !== undefined && (!isHttpUrl(text) || /\s/.test(text))) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${describeValue(text)} is not an http(s) URL`,
			description,
		);
	}
	return text;
}

/** A required absolute http(s) URL. */
export function requireHttpUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	description?: string,
): string {
	return readHttpUrl(context, itemIndex, field, value, 'required', description)!;
}
