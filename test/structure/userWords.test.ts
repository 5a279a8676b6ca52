import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { resources } from '../../nodes/WiseAgent/actions/resources';
import { WiseAgent } from '../../nodes/WiseAgent/WiseAgent.node';
import { EVENT_FAMILIES, EVENT_SUB_TYPES } from '../../nodes/WiseAgent/transport/webhookEvents';
import { WiseAgentPollTrigger } from '../../nodes/WiseAgentPollTrigger/WiseAgentPollTrigger.node';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import { sourceFiles } from '../helpers/sourceFiles';

/**
 * The editor speaks the user's words: no request-type names ("(getSingleContact)"), event type
 * names ("contactUpdateCategory"), API field names ("DtUpdated", "ClientCustomID") or HTTP
 * methods in what the node panel shows. The docs reference (docs/resources) keeps them.
 */

const ROOT = path.join(__dirname, '..', '..');

/**
 * Every request type the nodes send (`requestType: '…'`, the unpaged lists' `fetchList(…, '…')`)
 * and every one the operation reference names in its headings (`GET getSingleContact`).
 */
function requestTypes(): string[] {
	const found = new Set<string>();
	for (const file of sourceFiles(path.join(ROOT, 'nodes'))) {
		const text = readFileSync(file, 'utf8');
		for (const match of text.matchAll(/requestType:\s*'(\w+)'/g)) found.add(match[1]);
		for (const match of text.matchAll(/fetchList\(\s*\w+,\s*\w+,\s*'(\w+)'/g)) found.add(match[1]);
	}
	const docs = path.join(ROOT, 'docs', 'resources');
	for (const name of readdirSync(docs)) {
		const text = readFileSync(path.join(docs, name), 'utf8');
		for (const match of text.matchAll(/^#+ .*`(?:GET|POST|PUT|DELETE) (\w+)/gm))
			found.add(match[1]);
	}
	return [...found].sort();
}

/** The request types that are plain English words: only jargon when quoted as one, "(tasks, PUT)". */
const PLAIN_WORD_REQUEST_TYPES = new Set(['calls', 'tasks', 'webhooks', 'content', 'Content']);

interface Shown {
	where: string;
	text: string;
}

/**
 * The strings a description shows: display names, descriptions, actions, hints, placeholders
 * and option names (an option has a `value`; a parameter's `name` is internal).
 */
function shownStrings(description: INodeTypeDescription): Shown[] {
	const shown: Shown[] = [];
	const visit = (value: unknown, where: string) => {
		if (Array.isArray(value)) {
			value.forEach((entry, index) => visit(entry, `${where}[${index}]`));
			return;
		}
		if (!value || typeof value !== 'object') return;
		const record = value as Record<string, unknown>;
		const keys = ['displayName', 'description', 'action', 'hint', 'placeholder'];
		if ('value' in record && !('type' in record)) keys.push('name');
		for (const key of keys) {
			const text = record[key];
			if (typeof text === 'string' && !text.startsWith('=')) {
				shown.push({ where: `${where}.${key}`, text });
			}
		}
		for (const [key, child] of Object.entries(record)) {
			if (typeof child === 'object') visit(child, `${where}.${key}`);
		}
	};
	visit(description.properties, description.name);
	shown.push({ where: `${description.name}.description`, text: description.description });
	return shown;
}

const nodes = [new WiseAgent(), new WiseAgentTrigger(), new WiseAgentPollTrigger()];
const shown = nodes.flatMap((node) => shownStrings(node.description));

/**
 * Strings in contact.fields.ts, which the Create or Update rework owns right now: their plain
 * versions are handed over with that change. Each must still be shown (remove it once fixed).
 */

/** The text without web addresses, HTML tags and double-quoted output field names. */
const prose = (text: string) =>
	text
		.replace(/https?:\/\/\S+/g, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/"[^"]*"/g, ' ');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the editor uses the user’s words', () => {
	const types = requestTypes();

	it('knows the request types (derived from the operations and the reference)', () => {
		expect(types).toEqual(
			expect.arrayContaining([
				'getSingleContact',
				'webcontact',
				'getCalendar',
				'getTransactionNotes',
				'addPlannerEvent',
				'tasks',
			]),
		);
		expect(types.length).toBeGreaterThan(40);
		// The walk reaches the operation dropdowns and the triggers' options.
		expect(shown.map((entry) => entry.text)).toEqual(
			expect.arrayContaining([
				resources.contact.operations.get.option.description,
				'Contact Updated',
				'Contacts added or changed since the last check',
			]),
		);
	});

	it('shows no request-type name', () => {
		const found = shown.flatMap(({ where, text }) =>
			types
				.filter((type) =>
					new RegExp(
						PLAIN_WORD_REQUEST_TYPES.has(type)
							? `\\(\\s*${escape(type)}\\b`
							: `(^|[^A-Za-z])${escape(type)}([^A-Za-z]|$)`,
					).test(prose(text)),
				)
				.map((type) => `${where}: ${type} in "${text}"`),
		);
		expect(found).toEqual([]);
	});

	it('shows no event type name', () => {
		const names = [...EVENT_FAMILIES, ...EVENT_SUB_TYPES.map((subType) => subType.value)];
		const found = shown.flatMap(({ where, text }) =>
			names.filter((name) => prose(text).includes(name)).map((name) => `${where}: ${name}`),
		);
		expect(found).toEqual([]);
	});

	it('shows no API field names or HTTP methods', () => {
		const identifier =
			/(^|[^A-Za-z])([a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Za-z]+_[a-z_]+|GET|POST|PUT|DELETE)(?=[^A-Za-z]|$)/;
		const found = shown
			.filter(({ text }) => identifier.test(prose(text)))
			.map(({ where, text }) => `${where}: ${text}`);
		expect(found).toEqual([]);
	});
});
