import { decodeJsonStringFields } from '../../nodes/WiseAgent/helpers/simplify';

describe('Simplify: JSON-in-string fields', () => {
	it('decodes JSON text, and empty text to []', () => {
		expect(
			decodeJsonStringFields({
				Categories: '[{"name":"Buyer"}]',
				CustomData: '',
				InsideTeamAssignment: '[{"InsideTeamId":1}]',
			}),
		).toEqual({
			Categories: ['Buyer'],
			CustomData: [],
			InsideTeamAssignment: [{ InsideTeamId: 1 }],
		});
	});

	it('keeps text it cannot parse exactly as sent, instead of replacing it with []', () => {
		const record = { Categories: 'Buyer; Seller', CustomData: '[{"Key":"a","Value":' };
		expect(decodeJsonStringFields(record)).toEqual(record);
	});
});
