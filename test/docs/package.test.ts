import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const runtimeLock = JSON.parse(
	readFileSync(path.join(root, 'scripts', 'n8n-runtime', 'package-lock.json'), 'utf8'),
);

describe('package.json (n8n community package rules)', () => {
	it('has no runtime dependencies; n8n-workflow is a peer dependency', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});

	it('is marked as a community node package and publishes only dist/', () => {
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it('lists every node and credential, each built from a source file', () => {
		for (const built of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			const source = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			expect(existsSync(path.join(root, source))).toBe(true);
		}
	});

	it('tests against the n8n-core and n8n-workflow that the pinned n8n release runs', () => {
		const lockVersion = (name: string) => runtimeLock.packages[`node_modules/${name}`].version;
		expect(pkg.devDependencies['n8n-core']).toBe(lockVersion('n8n-core'));
		expect(pkg.devDependencies['n8n-workflow']).toBe(lockVersion('n8n-workflow'));
	});
});
