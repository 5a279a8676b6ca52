/**
 * Lenient parsing of Wise Agent response bodies.
 *
 * The API's bodies are not always valid JSON: some are JSON encoded inside a JSON string,
 * some carry raw control characters inside strings, the docs print CSV-style doubled quotes,
 * and a few request types answer with a plain string (getLoginToken returns a URL).
 */

const MAX_NESTED_DECODES = 3;

/** Parses a response body; returns the decoded value, or the trimmed text when it is not JSON. */
export function parseResponseBody(raw: unknown): unknown {
	if (typeof raw !== 'string') return decodeNestedJson(raw, 0);
	const text = raw.replace(/^\uFEFF/, '').trim();
	if (text === '') return '';
	const parsed = tryParseJson(text);
	return parsed.ok ? decodeNestedJson(parsed.value, 0) : text;
}

/** Parses a value that may be a JSON string (e.g. a contact's `Categories`); returns undefined when it is not. */
export function parseJsonField(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return undefined;
	const parsed = tryParseJson(text);
	return parsed.ok ? decodeNestedJson(parsed.value, 0) : undefined;
}

type ParseResult = { ok: true; value: unknown } | { ok: false };

function tryParseJson(text: string): ParseResult {
	for (const candidate of repairCandidates(text)) {
		try {
			return { ok: true, value: JSON.parse(candidate) };
		} catch {
			// try the next repair
		}
	}
	return { ok: false };
}

/** The text as sent, then progressively more aggressive repairs, each tried only if the previous failed. */
function* repairCandidates(text: string): Generator<string> {
	yield text;
	const escaped = escapeControlCharsInStrings(text);
	if (escaped !== text) yield escaped;
	// `"{""error"": ""SearchID not found""}"`: a CSV-quoted JSON document.
	if (/^".*"$/s.test(text) && text.includes('""')) {
		yield escapeControlCharsInStrings(text.slice(1, -1).replace(/""/g, '"'));
	}
	// `"[{"success": "true"}]"`: JSON printed inside bare quotes, as in many of the docs' examples.
	if (/^"\s*[[{].*[\]}]\s*"$/s.test(text)) {
		yield escapeControlCharsInStrings(text.slice(1, -1));
	}
	// `"data": "{message": "Property Not Found."}`: the docs' property errors open the object inside the quote.
	if (/"\{\w+"\s*:/.test(text)) {
		yield escapeControlCharsInStrings(text.replace(/"\{(\w+)"\s*:/g, '{"$1":'));
	}
	// Typographic quotes, as in some of the docs' examples.
	if (/[\u201C\u201D]/.test(text)) {
		yield escapeControlCharsInStrings(text.replace(/[\u201C\u201D]/g, '"'));
	}
}

/** Escapes raw control characters that appear inside string literals, which JSON.parse rejects. */
function escapeControlCharsInStrings(text: string): string {
	let out = '';
	let inString = false;
	let escaping = false;
	for (const char of text) {
		if (inString) {
			if (escaping) {
				escaping = false;
			} else if (char === '\\') {
				escaping = true;
			} else if (char === '"') {
				inString = false;
			} else if (char < ' ') {
				out += controlCharEscape(char);
				continue;
			}
		} else if (char === '"') {
			inString = true;
		}
		out += char;
	}
	return out;
}

function controlCharEscape(char: string): string {
	switch (char) {
		case '\n':
			return '\\n';
		case '\r':
			return '\\r';
		case '\t':
			return '\\t';
		default:
			return '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0');
	}
}

/** A body that is itself a JSON string holding JSON (`"[{\"success\":\"true\"}]"`) is decoded again. */
function decodeNestedJson(value: unknown, depth: number): unknown {
	if (typeof value !== 'string' || depth >= MAX_NESTED_DECODES) return value;
	const text = value.trim();
	if (!/^[[{"]/.test(text)) return value;
	const parsed = tryParseJson(text);
	return parsed.ok ? decodeNestedJson(parsed.value, depth + 1) : value;
}
