import {createContext, useContext, useEffect} from 'react';

/**
 * The editor-wide keys that depend on the screen: `?` (the key list) and `q` (quit) work on menus;
 * while a text field has the keyboard they are text, and F1 shows the list instead.
 */
export type ScreenKeys = {
	/** The `?` list is showing: screens take no keys meanwhile (the next key closes it). */
	help: boolean;
	/** A text field has the keyboard. */
	typing: boolean;
	/** A text field reports that it took (true) or gave up (false) the keyboard. */
	setTyping: (focused: boolean) => void;
	/** `q` quits from this screen (false where a text field or the send owns the keys). */
	quits: boolean;
};

const none: ScreenKeys = {help: false, typing: false, setTyping() {}, quits: false};

export const ScreenKeysContext = createContext<ScreenKeys>(none);

export function useScreenKeys(): ScreenKeys {
	return useContext(ScreenKeysContext);
}

/** A text field with the keyboard: `?` and `q` are text while it is focused. */
export function useTypingFocus(focused: boolean): void {
	const {setTyping} = useScreenKeys();
	useEffect(() => {
		if (!focused) return;
		setTyping(true);
		return () => {
			setTyping(false);
		};
	}, [focused, setTyping]);
}
