import {createContext, useContext, useEffect} from 'react';

/**
 * The editor-wide keys that depend on the screen: `?` (the key list) and `q` (quit) work on menus;
 * on a screen with a text field they are text, and F1 shows the list instead.
 */
export type ScreenKeys = {
	/** The `?` list is showing: screens take no keys meanwhile (the next key closes it). */
	help: boolean;
	/** The screen shows a text field. */
	typing: boolean;
	/** A text field reports that it appeared (true) or went (false). */
	setTyping: (present: boolean) => void;
	/** `q` quits from this screen (false where a text field or the send owns the keys). */
	quits: boolean;
};

const none: ScreenKeys = {help: false, typing: false, setTyping() {}, quits: false};

export const ScreenKeysContext = createContext<ScreenKeys>(none);

export function useScreenKeys(): ScreenKeys {
	return useContext(ScreenKeysContext);
}

/**
 * A text field on the screen: `?` and `q` are text there, also while it waits for a lookup (a `q`
 * typed into the filter then must not quit).
 */
export function useTextFieldKeys(): void {
	const {setTyping} = useScreenKeys();
	useEffect(() => {
		setTyping(true);
		return () => {
			setTyping(false);
		};
	}, [setTyping]);
}
