import {describe, expect, it} from 'vitest';
import type {Contact} from '../../../source/contact/contact.js';
import {john} from '../helpers/fixtures.js';
import {
	applyOnTop,
	discard,
	edit,
	isDirty,
	loadContact,
	retry,
	review,
	saved,
	unknown,
} from '../../../source/editor/state/edit-session.js';

const loaded: Contact = john;

describe('edit session', () => {
	it('keeps only edits that differ from the loaded contact', () => {
		const session = edit(loadContact(loaded), {firstName: 'john', lastName: 'Doe'});
		expect(session.edits).toEqual({lastName: 'Doe'});
		expect(isDirty(edit(session, {lastName: 'doe'}))).toBe(false);
	});

	it('discard says whether there was anything to discard', () => {
		expect(discard(edit(loadContact(loaded), {firstName: 'Jo'}))).toMatchObject({
			session: {edits: {}},
			notice: 'Changes discarded.',
		});
		expect(discard(loadContact(loaded)).notice).toBe('Nothing to discard: no field has been changed.');
	});

	it('review prepares the body, or says why not', () => {
		expect(review(loadContact(loaded), 'st').error?.message).toMatch(/Nothing to review/);
		const ready = review(edit(loadContact(loaded), {firstName: 'Jo'}), 'st');
		expect(ready.error).toBeUndefined();
		expect(ready.session.prepared?.body).toMatchObject({firstName: 'Jo', lastName: 'doe'});
	});

	it('applying on top of a conflict keeps only my fields, and says when nothing is left', () => {
		const mine = review(edit(loadContact(loaded), {firstName: 'Jo'}), 'st').session;
		const theirs: Contact = {...loaded, lastName: 'Other'};
		const step = applyOnTop({...mine, conflict: {current: theirs, theirs: []}}, 'st');
		expect(step.session.prepared?.body).toMatchObject({firstName: 'Jo', lastName: 'Other'});
		const same = applyOnTop({...mine, conflict: {current: {...loaded, firstName: 'Jo'}, theirs: []}}, 'st');
		expect(same.session.prepared).toBeUndefined();
		expect(same.notice).toMatch(/already made exactly these changes/);
	});

	it('a save makes the stored contact the loaded one; an unknown outcome can be retried on a re-read', () => {
		const prepared = review(edit(loadContact(loaded), {firstName: 'Jo'}), 'st').session;
		const stored = {...loaded, firstName: 'Jo'};
		const done = saved(prepared, {stored, verification: {ok: true, mismatches: []}});
		expect(done).toMatchObject({contact: stored, edits: {}, outcome: {kind: 'saved', stored}});

		const lost = unknown(prepared, 'timed out');
		expect(lost.outcome).toMatchObject({kind: 'unknown', message: 'timed out'});
		const through = retry(lost, stored);
		expect(isDirty(through!.session)).toBe(false);
		expect(through!.notice).toMatch(/the save went through/);
		expect(retry(loadContact(loaded), loaded)).toBeUndefined();
	});
});
