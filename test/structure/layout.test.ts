import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { resources } from '../../nodes/WiseAgent/actions/resources';
import { sourceFiles } from '../helpers/sourceFiles';

const NODES = path.join(__dirname, '..', '..', 'nodes');
const ACTIONS = path.join(NODES, 'WiseAgent', 'actions');

const relative = (file: string) => path.relative(NODES, file);

describe('one name per operation', () => {
	describe.each(Object.entries(resources))('resource %s', (resourceName, resource) => {
		it('is registered under its own option value', () => {
			expect(resource.option.value).toBe(resourceName);
		});

		it.each(Object.entries(resource.operations))(
			'operation %s: file name = export name = option.value = map key',
			(key, operation) => {
				const value = String(operation.option.value);
				expect(key).toBe(value);
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				const module = require(path.join(ACTIONS, resourceName, `${value}.operation`));
				expect(module[value]).toBe(operation);
				expect(Object.keys(module)).toEqual([value]);
			},
		);

		it('has an operation file for each operation and nothing else', () => {
			const files = readdirSync(path.join(ACTIONS, resourceName))
				.filter((file) => file.endsWith('.operation.ts'))
				.map((file) => file.replace(/\.operation\.ts$/, ''))
				.sort();
			expect(files).toEqual(Object.keys(resource.operations).sort());
		});

		it('keeps its helpers in <resource>.fields.ts and <resource>.requests.ts only', () => {
			const helpers = readdirSync(path.join(ACTIONS, resourceName)).filter(
				(file) => !file.endsWith('.operation.ts') && !file.endsWith('.resource.ts'),
			);
			for (const file of helpers) {
				expect([`${resourceName}.fields.ts`, `${resourceName}.requests.ts`]).toContain(file);
			}
		});
	});

	it('no operation file imports another operation file', () => {
		const offenders = sourceFiles(ACTIONS)
			.filter((file) => file.endsWith('.operation.ts'))
			.filter((file) => /from '[^']*\.operation'/.test(readFileSync(file, 'utf8')))
			.map(relative);
		expect(offenders).toEqual([]);
	});
});

describe('each API fact once in nodes/', () => {
	const files = sourceFiles(NODES).map((file) => ({
		file: relative(file),
		text: readFileSync(file, 'utf8'),
	}));
	const filesMatching = (pattern: RegExp) =>
		files.filter(({ text }) => pattern.test(text)).map(({ file }) => file);

	it('the triggers reach the API only through the shared procedures', () => {
		expect(filesMatching(/wiseAgentApiRequest/).filter((file) => /Trigger/.test(file))).toEqual([]);
	});

	it('one "was not found" error builder', () => {
		expect(filesMatching(/was not found/)).toEqual(['WiseAgent/transport/api.ts']);
	});

	it('one list of webhook event types', () => {
		expect(filesMatching(/['"]propertyDelete['"]/)).toEqual([
			'WiseAgent/transport/webhookEvents.ts',
		]);
	});

	it('descriptions/ holds field definitions only, no parameter reading', () => {
		expect(
			filesMatching(/getNodeParameter/).filter((file) => file.includes('descriptions')),
		).toEqual([]);
	});
});
