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
