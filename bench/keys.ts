/**
 * What the keystroke benchmark types into the contact browser's filter: names, then phone digits,
 * each erased again with Backspace. Every key changes the filter text, so every key draws a frame.
 */
export const BACKSPACE = '\u007F';

const erase = (text: string) => Array.from({length: [...text].length}, () => BACKSPACE);

const words = ['maria', 'khan', '9550', 'zoë', 'ana', 'smith', '7700'];

export const FILTER_KEYS: string[] = words.flatMap(word => [...word, ...erase(word)]);
