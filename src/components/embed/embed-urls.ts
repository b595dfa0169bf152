/** Where the embed's files are served from (embed-build.ts writes them), and the two files a page names. */
export const EMBED_DIR_URL = '/embed/';
export const EMBED_SCRIPT_URL = '/embed/lab.js';
export const EMBED_STYLE_URL = '/embed/lab.css';
