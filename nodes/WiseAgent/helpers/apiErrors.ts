import type { INode } from 'n8n-workflow';
import { ExecutionBaseError, NodeOperationError } from 'n8n-workflow';

/**
 * Wise Agent reports many errors with HTTP 200. These are the documented shapes:
 *   {"Error":"Missing ClientID"}            {"error":"SearchID not found"}
 *   {"status":"error","data":{"message":"Property not found"}}
 *   {"success":false,"message":"Duplicate Key ..."}
 * and the same wrapped in a one-element array.
 */

/** Returns the API's own error message when the body is an error, otherwise undefined. */
export function findApiErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return findErrorInUnparsedText(body);
	if (Array.isArray(body)) {
		return body.length === 1 ? findApiErrorMessage(body[0]) : undefined;
	}
	if (body === null || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;

	if (isPresent(record.Error)) return describe(record.Error);
	if (isPresent(record.error) && !isSuccessFlag(record.success)) {
		const description = record.error_description;
		return isPresent(description)
			? `${describe(record.error)}: ${describe(description)}`
			: describe(record.error);
	}
	if (typeof record.status === 'string' && record.status.toLowerCase() === 'error') {
		return messageFrom(record.data) ?? messageFrom(record.message) ?? 'The API reported an error';
	}
	if (isFailureFlag(record.success) || isFailureFlag(record.Success)) {
		return (
			messageFrom(record.message) ?? messageFrom(record.Message) ?? 'The API reported a failure'
		);
	}
	return undefined;
}

function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '' && value !== false;
}

function isSuccessFlag(value: unknown): boolean {
	return value === true || value === 'true';
}

function isFailureFlag(value: unknown): boolean {
	return value === false || value === 'false';
}

function describe(value: unknown): string {
	if (typeof value === 'string') return value;
	return messageFrom(value) ?? JSON.stringify(value);
}

/** Pulls a message out of `{message}`, a string, or the docs' malformed `"{message": "..."}` string. */
function messageFrom(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const embedded = /message"?\s*:\s*"([^"]*)"?/i.exec(value);
		if (embedded) return embedded[1];
		return value.trim() === '' ? undefined : value;
	}
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		for (const key of ['message', 'Message', 'error', 'Error']) {
			if (typeof record[key] === 'string' && record[key] !== '') return record[key] as string;
		}
	}
	return undefined;
}

/**
 * A body that no repair could parse but that still reads as one of the error shapes: better a
 * failed item with the API's words than a malformed error taken for success.
 */
function findErrorInUnparsedText(text: string): string | undefined {
	if (!/^\s*["[{]/.test(text)) return undefined;
	const field = (name: string) => new RegExp(`"${name}"\\s*:\\s*"([^"]*)"`).exec(text)?.[1];
	const flagged =
		/"status"\s*:\s*"error"/i.test(text) ||
		/"success"\s*:\s*"?false"?/i.test(text) ||
		field('Error') ||
		field('error');
	if (!flagged) return undefined;
	return field('Error') || field('error') || field('message') || 'The API reported an error';
}

// ---------------------------------------------------------------- secrets

/** Secrets shorter than this are not searched for: redacting them would shred ordinary text. */
const MIN_SECRET_LENGTH = 4;
export const REDACTED = '[redacted]';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');
const base64Url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const formEncode = (text: string) => new URLSearchParams([['', text]]).toString().slice(1);
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
const htmlEscape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
	);

/**
 * The ways a secret can come back in an answer: as sent, URL- or form-encoded (once, or twice
 * when it sat in a URL that was itself sent as a form field), JSON- or HTML-escaped, and base64
 * (padding dropped, so an echo without it matches too).
 */
export function secretForms(secret: string): string[] {
	const encoded = encodeURIComponent(secret);
	const forms = [
		secret,
		encoded,
		lowerHex(encoded),
		formEncode(secret),
		encodeURIComponent(encoded),
		lowerHex(encodeURIComponent(encoded)),
		formEncode(encoded),
		JSON.stringify(secret).slice(1, -1),
		htmlEscape(secret),
		base64(secret),
		base64Url(secret),
	];
	return forms;
}

/** An HTTP Basic credential as OAuth2 clients send it: base64 of `id:secret`, raw or URL-encoded. */
export function basicCredentialForms(clientId: string, clientSecret: string): string[] {
	return [
		base64(`${clientId}:${clientSecret}`),
		base64(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`),
		formEncode(base64(`${clientId}:${clientSecret}`)),
	];
}

export interface SecretValues {
	/** Tokens and passwords, each searched for in all its forms. */
	secrets?: Iterable<unknown>;
	/** Client id and secret, for the Basic header forms. */
	basic?: { clientId: unknown; clientSecret: unknown };
}

/** Removes every form of the given secrets from text. */
export type Redact = (text: string) => string;

export function secretRedactor(...values: SecretValues[]): Redact {
	const forms = new Set<string>();
	for (const { secrets, basic } of values) {
		for (const secret of secrets ?? []) {
			if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) {
				for (const form of secretForms(secret)) forms.add(form);
			}
		}
		const { clientId, clientSecret } = basic ?? {};
		if (typeof clientSecret === 'string' && clientSecret.length >= MIN_SECRET_LENGTH) {
			for (const form of basicCredentialForms(String(clientId ?? ''), clientSecret))
				forms.add(form);
		}
	}
	// Longest first, so a form that contains another is removed whole.
	const ordered = [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
	ordered.sort((a, b) => b.length - a.length);
	return (text) => {
		let result = text;
		for (const form of ordered) {
			if (result.includes(form)) result = result.split(form).join(REDACTED);
		}
		return result;
	};
}

/** Runs several redactors one after the other. */
export function combineRedactors(...redactors: Redact[]): Redact {
	return (text) => redactors.reduce((result, redact) => redact(result), text);
}

const MAX_SCRUB_DEPTH = 8;

/**
 * Redacts, in place, every string an error carries: message, stack, description, messages,
 * errorResponse, context, any other own property (enumerable or not) and the cause chain. The
 * `node` property is skipped: it is the workflow's own node object, shared and free of answers.
 */
export function scrubError<T>(error: T, redact: Redact): T {
	const seen = new Set<object>();
	const visit = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return redact(value);
		if (value === null || typeof value !== 'object' || depth > MAX_SCRUB_DEPTH) return value;
		if (seen.has(value)) return value;
		seen.add(value);
		for (const key of Object.getOwnPropertyNames(value)) {
			if (key === 'node' && value instanceof Error) continue;
			const descriptor = Object.getOwnPropertyDescriptor(value, key);
			if (!descriptor) continue;
			let current: unknown;
			try {
				current = 'value' in descriptor ? descriptor.value : descriptor.get?.call(value);
			} catch {
				continue;
			}
			const cleaned = visit(current, depth + 1);
			if (cleaned === current) continue;
			if ('value' in descriptor) {
				if (descriptor.writable) (value as Record<string, unknown>)[key] = cleaned;
				else if (descriptor.configurable) {
					Object.defineProperty(value, key, { ...descriptor, value: cleaned });
				}
			} else if (descriptor.set) {
				descriptor.set.call(value, cleaned);
			}
		}
		return value;
	};
	visit(error, 0);
	return error;
}

/**
 * An error on its way out of a catch block, the way n8n shows errors: n8n's own (NodeApiError,
 * NodeOperationError, a cancelled execution...) unchanged, anything else as a NodeOperationError
 * of the node.
 */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): ExecutionBaseError {
	if (error instanceof ExecutionBaseError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
