import type React from 'react';
import {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import type {Contact} from '../../contact/contact.js';
import {truncate} from '../../contact/display.js';
import {sanitize} from '../../contact/sanitize.js';
import {Menu, PAGE_HINTS, type MenuItem} from '../components/Menu.js';
import {ScreenLayout, useContentRows} from '../components/ScreenLayout.js';
import {TextField} from '../components/TextField.js';
import {Waiting} from '../components/Waiting.js';
import {useContactList} from '../hooks/use-contact-list.js';
import {type StreamSearch, useStreamSearch} from '../hooks/use-stream-search.js';
import {progressLine, searchPages} from '../../core/find.js';
import {useEditor, useEscape} from '../hooks/use-editor.js';
import {useTheme} from '../theme.js';
import {keyMatches, matchKey, matchQuery} from '../../contact/match.js';
import {count, createContactIndex, looksLikeId, recentRow} from './contact-rows.js';
import {shortAge} from './when.js';

type Choice =
	| {kind: 'contact'; contact: Contact}
	| {kind: 'recent'; id: string}
	| {kind: 'lookup'; id: string}
	| {kind: 'search'}
	| {kind: 'more'};

/**
 * Step 3: type to filter the loaded contacts (name, phone or ID) or a contact ID to look up on the
 * server; recent contacts first; further pages load on demand ("120 of 1,234 loaded"). While not
 * every page is loaded, "Search all pages for '…'" reads the whole stream, its matches listed as
 * their pages arrive.
 */
export function ContactScreen({initialQuery}: {initialQuery?: string | undefined} = {}): React.JSX.Element {
	const {state, services, active, size, dispatch, wait} = useEditor();
	const theme = useTheme();
	// A deep link's contact ID that was not found stays in the field, with the error below.
	const [query, setQuery] = useState(initialQuery ?? '');
	const [highlight, setHighlight] = useState<string | undefined>();
	const {running, progress, loadMore, find, open, cancel} = useContactList();
	const search = useStreamSearch(query);
	const searching = search.running;
	const list = state.list;
	const session = state.session;
	const streamId = state.streamId;
	const hasError = state.error !== undefined;

	// A new filter text: the highlight goes back to the first row (Enter opens the first match), and
	// the error of the last lookup ("No contact with ID …") no longer applies.
	const changeQuery = (next: string) => {
		setQuery(next);
		setHighlight(undefined);
		if (hasError) {
			dispatch({type: 'error', error: undefined});
		}
	};

	useEscape(() => {
		if (searching) {
			search.stop();
		} else if (running) {
			cancel();
		} else if (query !== '') {
			changeQuery('');
		} else {
			dispatch({type: 'back'});
		}
	});

	const recent = useMemo(
		() => (session && streamId ? services.store.recentContacts(session.profileName, streamId) : []),
		[session, streamId, services.store],
	);

	// Room for the "recent, 12m ago" note on every row when there are recent contacts, so columns line up.
	const width = Math.max(20, size.columns - 3 - (recent.length > 0 ? 16 : 0));
	// Search keys and row texts once per contact (and width), not on every key typed into the filter.
	const index = useMemo(() => createContactIndex(theme.symbols), [theme.symbols]);
	const byId = useMemo(() => new Map((list?.contacts ?? []).map(c => [String(c.id), c])), [list]);
	const matching = useMemo(() => index.filter(list?.contacts ?? [], query), [index, list, query]);
	// One menu item per contact (and width), reused on every key.
	const itemOf = useMemo(() => {
		const made = new WeakMap<Contact, MenuItem<Choice>>();
		return (contact: Contact): MenuItem<Choice> => {
			let item = made.get(contact);
			if (!item) {
				item = {key: `contact:${String(contact.id)}`, label: index.row(contact, width), value: {kind: 'contact', contact}};
				made.set(contact, item);
			}

			return item;
		};
	}, [index, width]);
	const found = search.search?.matches ?? NO_CONTACTS;
	const searchStatus = search.search?.status;
	const items = useMemo((): Array<MenuItem<Choice>> => {
		const result: Array<MenuItem<Choice>> = [];
		const trimmed = query.trim();
		const filter = matchQuery(query);
		const shown = new Set<string>();
		for (const entry of recent) {
			const contact = byId.get(entry.id);
			// A recent contact not loaded yet: its remembered label stands for its names.
			if (!keyMatches(contact ? index.key(contact) : matchKey({id: entry.id, fullName: entry.label ?? ''}), filter)) {
				continue;
			}

			shown.add(entry.id);
			result.push({
				key: `recent:${entry.id}`,
				label: contact ? index.row(contact, width) : recentRow(entry.label ?? '', entry.id, width, theme.symbols),
				note: ['recent', shortAge(entry.usedAt, Date.now())].filter(Boolean).join(', '),
				value: contact ? {kind: 'contact', contact} : {kind: 'recent', id: entry.id},
			});
		}

		for (const contact of matching) {
			if (shown.size > 0 && shown.has(String(contact.id))) {
				continue;
			}

			shown.add(String(contact.id));
			result.push(itemOf(contact));
		}

		// What the search of all pages found (now or earlier in the session) beyond the loaded matches.
		for (const contact of found) {
			if (!shown.has(String(contact.id))) {
				shown.add(String(contact.id));
				result.push(itemOf(contact));
			}
		}

		// Last, after the local matches (Enter opens the first match): a lookup may page the whole stream.
		if (looksLikeId(trimmed) && !byId.has(trimmed)) {
			result.push({
				key: 'lookup',
				label: `Look up contact ID ${sanitize(trimmed)} on the server`,
				value: {kind: 'lookup', id: trimmed},
			});
		}

		if (list?.hasMore && filter.text !== '' && !searching && searchStatus !== 'done') {
			result.push({key: 'search', label: searchLabel(sanitize(trimmed), search.search), value: {kind: 'search'}});
		}

		if (list?.hasMore && !searching) {
			result.push({key: 'more', label: `Load more contacts${theme.symbols.ellipsis}`, value: {kind: 'more'}});
		}

		return result;
	}, [
		index,
		itemOf,
		byId,
		matching,
		found,
		searching,
		searchStatus,
		search.search,
		list?.hasMore,
		recent,
		query,
		width,
		theme.symbols,
	]);

	const loaded = list?.contacts.length ?? 0;
	// Each page's search keys are worked out once it is on the screen (an effect runs after the
	// frame), not on the first key typed into the filter: that key would wait for all of them.
	// The index keeps each contact's key, so only the new page's contacts cost anything here.
	useEffect(() => {
		for (const contact of list?.contacts ?? []) index.key(contact);
	}, [list, index]);
	// After a page arrives, the highlight moves from "Load more" to the first new contact.
	const loadedBefore = useRef(loaded);
	// biome-ignore lint/correctness/useExhaustiveDependencies: runs when a page arrives, not when the filter or highlight change
	useEffect(() => {
		const before = loadedBefore.current;
		loadedBefore.current = loaded;
		if (highlight === 'more' && loaded > before) {
			const filter = matchQuery(query);
			const first = list?.contacts.slice(before).find(contact => keyMatches(index.key(contact), filter));
			setHighlight(first ? `contact:${String(first.id)}` : 'more');
		}
	}, [loaded]);

	// What the list pages brought; a contact put in the list on its own (a resumed draft's) is not a page.
	const listed = Math.min(loaded, list?.nextSkip ?? 0);
	const status =
		listed === 0 && list?.hasMore
			? 'List not loaded yet'
			: list?.total === undefined
				? `${count(listed)} loaded${list?.hasMore ? ', more on the server' : ''}`
				: `${count(listed)} of ${count(list.total)} loaded`;
	const menuRows = useContentRows() - 2;

	const choose = (choice: Choice) => {
		switch (choice.kind) {
			case 'contact': {
				open(choice.contact);
				break;
			}

			case 'recent':
			case 'lookup': {
				find(choice.id);
				break;
			}

			case 'search': {
				// The highlight goes to the first match as it arrives.
				setHighlight(undefined);
				search.start();
				break;
			}

			case 'more': {
				loadMore();
				break;
			}
		}
	};

	const searchLine = searchText(search.search, searching);

	const progressText =
		progress && running?.startsWith('Looking')
			? `${running} (${count(progress.scanned)}${progress.total === undefined ? '' : ` of ${count(progress.total)}`} scanned)`
			: running;

	return (
		<ScreenLayout
			title="Find a contact"
			hints={
				searching
					? [['↑↓', 'move'], ['Enter', 'open'], ['Esc', 'stop searching'], ...PAGE_HINTS]
					: running
						? [['Esc', 'cancel']]
						: [
								['type', 'filter or ID', 'list'],
								['↑↓', 'move'],
								['Enter', 'open'],
								['Esc', query ? 'clear' : 'back'],
								...PAGE_HINTS,
							]
			}
		>
			<TextField
				label="Find"
				labelWidth={6}
				value={query}
				onChange={changeQuery}
				focus={active && !running && !searching}
				placeholder="name, phone or contact ID"
				columns={size.columns}
			/>
			<Box>
				{running || searching ? (
					<Waiting label={(searching ? searchLine : progressText) ?? ''} wait={wait} />
				) : (
					<Text color={theme.muted} wrap="truncate-end">
						{truncate(
							`${searchLine ?? status}${query && !searchLine && !items.some(item => item.value.kind === 'contact' || item.value.kind === 'recent') ? ` ${theme.symbols.dot} no match among the ${count(loaded)} loaded` : ''}`,
							size.columns - 1,
							theme.symbols.ellipsis,
						)}
					</Text>
				)}
			</Box>
			<Menu
				items={items}
				onSelect={item => {
					choose(item.value);
				}}
				// No highlight yet, or a new filter text: the first row.
				selectedKey={highlight ?? items[0]?.key}
				onHighlight={item => {
					setHighlight(item.key);
					if (item.value.kind === 'more' && !running) {
						loadMore();
					}
				}}
				height={menuRows}
				columns={size.columns}
				isActive={active && !running}
				vimKeys={false}
				empty={
					searching
						? 'Nothing found yet…'
						: query
							? 'No contact matches: type a contact ID to look it up on the server.'
							: 'This stream has no contacts.'
				}
			/>
		</ScreenLayout>
	);
}

const NO_CONTACTS: Contact[] = [];

/** The item that starts the search of all pages, or goes on with one that stopped. */
function searchLabel(text: string, search: StreamSearch | undefined): string {
	if (!search?.page || search.status === 'done' || search.status === 'running') return `Search all pages for '${text}'`;
	const {done, total} = searchPages(search.page);
	return `Go on searching for '${text}' from page ${count(done + 1)}${total === undefined ? '' : ` of ${count(total)}`}`;
}

/** The search of all pages in one line: its progress while it runs, then how it ended. */
function searchText(search: StreamSearch | undefined, running: boolean): string | undefined {
	if (!search) {
		return undefined;
	}

	const found = search.matches.length;
	const {page} = search;
	if (running) {
		return page ? progressLine(page, found, 'Searching all pages…') : 'Searching all pages…';
	}

	const pages = page ? searchPages(page) : {done: 0};
	const scanned = count(page?.scanned ?? 0);
	switch (search.status) {
		case 'done': {
			return `Searched all ${scanned} contacts (${count(pages.done)} pages): ${count(found)} found`;
		}

		case 'stopped':
		case 'failed': {
			const of = pages.total === undefined ? '' : ` of ${count(pages.total)}`;
			return `Search ${search.status} at page ${count(pages.done)}${of} (${scanned} contacts): ${count(found)} found`;
		}

		default: {
			return undefined;
		}
	}
}
