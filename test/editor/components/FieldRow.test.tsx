import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {FieldRow} from '../../../source/editor/components/FieldRow.js';
import {renderInk} from '../helpers/render.js';

describe('FieldRow', () => {
	it('shows label and value, and marks an edited field with * and what it was', async () => {
		const plain = await renderInk(<FieldRow label="First name" value="john" columns={80} />);
		expect(plain.frame()).toBe('  First name    john');
		await plain.unmount();

		const edited = await renderInk(<FieldRow label="First name" value="John" edited was="john" columns={80} />);
		expect(edited.frame()).toBe('* First name    John (edited, was john)');
		await edited.unmount();
	});

	it('shows an empty value as (empty) and stays on one line at 60 columns', async () => {
		const r = await renderInk(<FieldRow label="Last name" value={'x'.repeat(120)} edited was="" columns={60} />, {columns: 60});
		const frame = r.frame();
		expect(frame.split('\n')).toHaveLength(1);
		expect(stringWidth(frame)).toBeLessThanOrEqual(60);
		expect(frame).toContain('…');
		await r.unmount();

		const empty = await renderInk(<FieldRow label="Salutation" value="" columns={80} />);
		expect(empty.frame()).toBe('  Salutation    (empty)');
		await empty.unmount();
	});
});
