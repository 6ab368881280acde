import {describe, expect, it} from 'vitest';
import {readBulkAnswer} from '../../source/kore/bulk.js';

const ids = ['a1', 'b2', 'c3'];
const outcomes = (json: unknown) => readBulkAnswer(json, ids).map(r => r.outcome);

describe('readBulkAnswer', () => {
	it("reads the sandbox's shape", () => {
		expect(
			readBulkAnswer(
				{
					successful: 2,
					failed: 1,
					results: [
						{id: 'a1', success: true, contact: {id: 'a1'}},
						{id: 'b2', success: false, errors: [{msg: 'Invalid contact id', code: 400}]},
						{id: 'c3', success: true},
					],
				},
				ids,
			),
		).toEqual([
			{id: 'a1', outcome: 'updated'},
			{id: 'b2', outcome: 'failed', message: 'Invalid contact id'},
			{id: 'c3', outcome: 'updated'},
		]);
	});

	it('finds results as the answer itself, or under records / data, by id, _id, contactId or contact.id, in any order', () => {
		expect(
			outcomes([
				{_id: 'c3', status: 'updated'},
				{contactId: 'a1', status: 'ok'},
				{contact: {id: 'b2'}, status: 'error'},
			]),
		).toEqual(['updated', 'failed', 'updated']);
		expect(outcomes({records: [{id: 'a1', success: true}]})).toEqual(['updated', 'unknown', 'unknown']);
		expect(outcomes({data: [{id: 'b2', error: 'no such contact'}]})).toEqual(['unknown', 'failed', 'unknown']);
	});

	it('anything contradictory or vague is unknown', () => {
		// success and status disagree; errors on a success; an entry with no outcome at all.
		expect(
			outcomes({
				results: [
					{id: 'a1', success: true, status: 'failed'},
					{id: 'b2', success: true, errors: [{msg: 'x'}]},
					{id: 'c3', status: 'ACTIVE'},
				],
			}),
		).toEqual(['unknown', 'unknown', 'unknown']);
		// The same id said twice, differently.
		expect(
			outcomes({
				results: [
					{id: 'a1', success: true},
					{id: 'a1', success: false},
				],
			})[0],
		).toBe('unknown');
		// Counts that cannot be true next to the results: nothing is trusted.
		expect(outcomes({successful: 1, failed: 0, results: ids.map(id => ({id, success: true}))})).toEqual([
			'unknown',
			'unknown',
			'unknown',
		]);
	});

	it('counts alone settle all records only when they cover all of them one way', () => {
		expect(outcomes({successful: 3})).toEqual(['updated', 'updated', 'updated']);
		expect(outcomes({successful: 3, failed: 0, results: []})).toEqual(['updated', 'updated', 'updated']);
		expect(outcomes({successful: 0, failed: 3})).toEqual(['failed', 'failed', 'failed']);
		expect(outcomes({successful: 2, failed: 1})).toEqual(['unknown', 'unknown', 'unknown']);
		expect(outcomes({successful: '3'})).toEqual(['unknown', 'unknown', 'unknown']);
		expect(outcomes({successful: 4})).toEqual(['unknown', 'unknown', 'unknown']);
	});

	it('an unreadable answer leaves every record unknown', () => {
		for (const json of [undefined, null, 'ok', 3, {}, {message: 'done'}]) {
			expect(readBulkAnswer(json, ids)).toEqual(
				ids.map(id => ({
					id,
					outcome: 'unknown',
					message: 'The answer could not be read, so what became of this contact is unknown',
				})),
			);
		}
	});

	it('messages are sanitised, secrets removed, kept short', () => {
		const [result] = readBulkAnswer(
			{
				results: [
					{
						id: 'a1',
						success: false,
						errors: [{msg: 'bad\u001b]0;title\u0007 value s3cr3t-value-long'}, {message: 'x'.repeat(500)}],
					},
				],
			},
			['a1'],
			['s3cr3t-value-long'],
		);
		expect(result!.message!.startsWith('bad value [secret]; xxx')).toBe(true);
		expect(result!.message!.length).toBe(300);
	});
});
