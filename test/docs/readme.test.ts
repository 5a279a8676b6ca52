import { readFileSync } from 'node:fs';

import { resources } from '../../nodes/WiseAgent/actions/resources';
import { README_PATH, RESOURCE_DOC_ORDER, renderReadme } from '../../scripts/readme';

const readme = readFileSync(README_PATH, 'utf8');

describe('README', () => {
	it('carries the current operation reference from docs/resources (run `npm run docs`)', () => {
		expect(renderReadme(readme)).toBe(readme);
	});

	it('has a doc for every resource of the node', () => {
		expect(RESOURCE_DOC_ORDER).toEqual(expect.arrayContaining(Object.keys(resources)));
	});

	describe.each(Object.entries(resources))('resource %s', (_name, resource) => {
		const heading = `### ${resource.option.name}`;
		const start = readme.indexOf(`\n${heading}\n`);
		const next = readme.indexOf('\n### ', start + heading.length + 1);
		const section = start < 0 ? '' : readme.slice(start, next < 0 ? undefined : next);

		it('has its own section', () => {
			expect(start).toBeGreaterThan(0);
		});

		it.each(Object.values(resource.operations).map((operation) => operation.option.name))(
			'documents the operation "%s"',
			(operationName) => {
				expect(section).toMatch(
					new RegExp(`#### ${operationName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`),
				);
			},
		);
	});
});
