import { WiseAgentOAuth2Api } from '../../credentials/WiseAgentOAuth2Api.credentials';
import { scopeNotice } from '../../nodes/WiseAgent/descriptions/scopeNotice';

const credential = new WiseAgentOAuth2Api();
const property = (name: string) => credential.properties.find((p) => p.name === name);

describe('the credential dialog', () => {
	it('opens with the steps to get a Client ID, linking to the Wise Agent API documentation', () => {
		expect(credential.properties[0].name).toBe('clientIdNotice');
		const notice = property('clientIdNotice')!;
		expect(notice.type).toBe('notice');
		// the documented page that carries the "Request API Access" link (the only URL the docs give)
		expect(notice.displayName).toContain('href="https://wiseagent.com/docs/api.asp"');
		expect(notice.displayName).toContain('Request API Access');
		expect(notice.displayName).toMatch(/redirect domain/i);
	});

	it("Scope's hint points at what each operation shows: the scope notice at its top", () => {
		const shown = scopeNotice(['contacts']).displayName; // "The Wise Agent credential's Scope must include contacts"
		const prefix = shown.slice(0, shown.indexOf('include') + 'include'.length);
		expect(property('scope')!.description).toContain(prefix);
		expect(property('scope')!.description).not.toMatch(/README/);
	});
});
