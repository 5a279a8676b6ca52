/**
 * Keeps the README's operation reference in step with docs/resources/*.md.
 *   npm run docs          rewrites the section between the markers
 *   (test/docs/readme.test.ts checks it is up to date and that every operation is documented)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const README_PATH = path.join(__dirname, '..', 'README.md');
const DOCS_DIR = path.join(__dirname, '..', 'docs', 'resources');
const START = '<!-- operations:start (generated from docs/resources by `npm run docs`) -->';
const END = '<!-- operations:end -->';

/** Resource docs in the order of the node's Resource dropdown, then the triggers. */
export const RESOURCE_DOC_ORDER = [
	'contact',
	'note',
	'task',
	'call',
	'property',
	'category',
	'vendor',
	'team',
	'source',
	'account',
	'marketingProgram',
	'transaction',
	'content',
	'calendar',
	'webhook',
	'trigger',
];

/** Each resource doc with its headings pushed down two levels, to sit under "## Operations". */
export function renderOperationsSection(): string {
	// A missing doc is left out here; test/docs/readme.test.ts fails on the undocumented operations.
	const present = RESOURCE_DOC_ORDER.filter((name) =>
		existsSync(path.join(DOCS_DIR, `${name}.md`)),
	);
	const parts = present.map((name) => {
		const text = readFileSync(path.join(DOCS_DIR, `${name}.md`), 'utf8').trim();
		return text.replace(/^(#+) /gm, (_match, hashes: string) => `${hashes}## `);
	});
	return `${START}\n\n${parts.join('\n\n')}\n\n${END}`;
}

export function renderReadme(current: string): string {
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	if (start < 0 || end < start) throw new Error('README.md lacks the operations markers');
	return current.slice(0, start) + renderOperationsSection() + current.slice(end + END.length);
}

if (require.main === module) {
	const current = readFileSync(README_PATH, 'utf8');
	const next = renderReadme(current);
	if (next !== current) writeFileSync(README_PATH, next);
	console.log(next === current ? 'README.md is up to date' : 'README.md updated');
}
