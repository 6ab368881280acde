// Stands in for fetch-blob (node-fetch's Blob and File) in the bundle: Node 20's own Blob and File
// from node:buffer. fetch-blob exists for Node versions without them, and brings a WHATWG streams
// polyfill (~60 KiB) along. Its blobFrom/fileFrom read files, which kore-contacts never asks for.
import {Blob, File} from 'node:buffer';

const absent = name => () => {
	throw new Error(`${name} is not in this build of kore-contacts (scripts/shims/fetch-blob.js).`);
};

export default Blob;
export {Blob, File};
export const blobFrom = absent('blobFrom');
export const blobFromSync = absent('blobFromSync');
export const fileFrom = absent('fileFrom');
export const fileFromSync = absent('fileFromSync');
