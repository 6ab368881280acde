import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {diffFields} from '../../../source/contact/diff.js';
import {DiffTable} from '../../../source/editor/components/DiffTable.js';
import {renderInk} from '../helpers/render.js';

const before = {
	firstName: 'john',
	lastName: 'doe',
	salutation: 'mr',
	countryCode: '+91',
	phoneNumber: '9550100001',
	extension: '+',
};

describe('DiffTable', () => {
	it('marks changed rows with ~ (readable without colour) and shows before and after', async () => {
		const rows = diffFields(before, {...before, firstName: 'John', phoneNumber: '9550100002'});
		const r = await renderInk(<DiffTable rows={rows} columns={80} />);
		const lines = r.frame().split('\n');
		expect(lines).toHaveLength(7);
		expect(lines[0]).toMatch(/^ {2}Field +Before +After$/);
		expect(lines[1]).toMatch(/^~ First name +john +John$/);
		expect(lines[2]).toMatch(/^ {2}Last name +doe +doe$/);
		expect(lines[5]).toMatch(/^~ Phone number +9550100001 +9550100002$/);
		expect(lines[6]).toMatch(/^ {2}Extension +\+ +\+$/);
		await r.unmount();
	});

	it('shows empty values as (empty) and cuts long ones with … by display width', async () => {
		const rows = diffFields(before, {...before, lastName: '', firstName: '王小明王小明王小明王小明王小明王小明王小明'});
		const r = await renderInk(<DiffTable rows={rows} columns={60} />, {columns: 60});
		const lines = r.frame().split('\n');
		expect(lines[1]).toContain('…');
		expect(lines[2]).toMatch(/~ Last name +doe +\(empty\)/);
		for (const line of lines) {
			expect(stringWidth(line)).toBeLessThan(60);
		}

		await r.unmount();
	});
});
