/** bitext's version; a test pins it to package.json. Written into TMX headers and printed by --version. */
export const VERSION = '0.1.0';
